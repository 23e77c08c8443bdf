using Blinds.Attacks.Identification;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>Ties, name weights (inverse document frequency), merging and the shipped signatures' cleanliness.</summary>
public class NameSignaturesTests
{
    private static DeviceNames Names(params string[] names) => DeviceNames.FromNames(names);

    [Fact]
    public void Labels_the_names_cannot_split_are_reported_as_a_tie_with_the_score_split()
    {
        var sig = new NameSignatures();
        sig.Learn("EdimaxPlug2101W", Names("www.myedimax.com", "sp.myedimax.com"));
        sig.Learn("EdimaxPlug1101W", Names("www.myedimax.com", "sp.myedimax.com"));
        sig.Learn("Other", Names("api.other.io"));
        var m = sig.Match(Names("www.myedimax.com", "sp.myedimax.com"));
        Assert.Equal(["EdimaxPlug1101W", "EdimaxPlug2101W"], m.Labels);
        Assert.True(m.IsTie);
        Assert.Equal(1.0, m.Score, 6);
        Assert.Equal(0.5, m.Confidence, 6);
        Assert.Equal(["sp.myedimax.com", "www.myedimax.com"], m.Matched);
    }

    [Fact]
    public void A_name_every_label_shows_weighs_little()
    {
        var sig = new NameSignatures();
        foreach (var maker in new[] { "a", "b", "c", "d" })
        {
            sig.Learn(maker, Names($"api.{maker}-cloud.com", "time.cdn-common.net"));
        }

        Assert.Equal(1.0, sig.Weight("api.a-cloud.com"), 6);
        Assert.True(sig.Weight("time.cdn-common.net") < 0.2, $"weight {sig.Weight("time.cdn-common.net")}");

        // Half of what a stranger asks is the common name: without weights that is a 0.5 match to whichever label
        // comes first; with them, no label.
        var m = sig.Match(Names("time.cdn-common.net", "api.stranger.org"));
        Assert.Null(m.Label);
        Assert.True(m.Score < NameSignatures.MinScore);
    }

    [Fact]
    public void Generic_names_weigh_little_even_when_one_label_shows_them()
    {
        var sig = new NameSignatures();
        sig.Learn("plug", Names("devs.tplinkcloud.com", "uk.pool.ntp.org"));
        Assert.Equal(NameSignatures.GenericWeight, sig.Weight("uk.pool.ntp.org"), 6);
        Assert.Null(sig.Match(Names("uk.pool.ntp.org", "api.stranger.org")).Label);
    }

    [Fact]
    public void A_name_many_entities_of_the_home_ask_weighs_less_than_one_only_this_entity_asks()
    {
        var sig = new NameSignatures();
        sig.Learn("hub", Names("www.hubmaker.com"));
        sig.Learn("cam", Names("api.cammaker.com"));
        var phones = Enumerable.Range(0, 4).Select(_ => Names("www.hubmaker.com", "api.phone-app.com")).ToArray();
        var context = new NameContext(phones.Append(Names("api.cammaker.com")));
        Assert.True(sig.Weight("www.hubmaker.com", context) < sig.Weight("www.hubmaker.com") - 0.3);
        Assert.Null(sig.Match(phones[0], context).Label);
        Assert.Equal("cam", sig.Match(Names("api.cammaker.com"), context).Label);
    }

    [Fact]
    public void Merging_two_sets_equals_learning_both()
    {
        var one = new NameSignatures();
        var two = new NameSignatures();
        var all = new NameSignatures();
        var observations = new (string Label, DeviceNames Names)[]
        {
            ("cam", Names("a.cam.com", "b.cam.com")), ("plug", Names("p.plug.com")), ("cam", Names("a.cam.com", "c.cam.com")), ("hub", Names("h.hub.com", "p.plug.com")),
        };
        for (var i = 0; i < observations.Length; i++)
        {
            (i % 2 == 0 ? one : two).Learn(observations[i].Label, observations[i].Names);
            all.Learn(observations[i].Label, observations[i].Names);
        }

        one.Merge(two);
        Assert.Equal(Saved(all), Saved(one));
    }

    [Fact]
    public void The_shipped_signatures_are_clean_and_do_not_name_a_phone_that_uses_the_hue_app()
    {
        var papers = NameSignatures.Papers();
        Assert.Equal(Saved(papers), Saved(papers.Cleaned(0.2)));
        Assert.Null(papers.Match(Names("www.meethue.com", "api.amazonalexa.com")).Label);
        Assert.Equal("Philips Hue Bridge", papers.Match(Names("bridge.meethue.com", "dcp.cpp.philips.com")).Label);
    }

    private static string Saved(NameSignatures s)
    {
        using var m = new MemoryStream();
        s.Save(m);
        return System.Text.Encoding.UTF8.GetString(m.ToArray());
    }

    private static DeviceNames Dhcp(string parameterList, params string[] names) =>
        new(new HashSet<string>(names), new HashSet<string>(), new HashSet<string>(), new HashSet<string> { parameterList });

    [Fact]
    public void A_lone_option_55_list_never_names_a_device_with_full_confidence()
    {
        var sig = new NameSignatures();
        sig.Learn("Plug", Dhcp("1,3,6,15", "devs.tplinkcloud.com"));
        sig.Learn("Camera", Dhcp("1,3,28", "api.camera.example"));
        var m = sig.Match(Dhcp("1,3,6,15"));
        Assert.Equal(["Plug"], m.Labels);
        Assert.Equal(NameSignatures.DefaultParameterListOnlyCap, m.Score, 6);
    }

    [Fact]
    public void An_option_55_list_many_labels_share_alone_names_nothing()
    {
        var sig = new NameSignatures();
        foreach (var label in new[] { "A", "B", "C", "D" })
        {
            sig.Learn(label, Dhcp("1,3,6", $"api.{label.ToLowerInvariant()}.example"));
        }

        Assert.Equal(4, sig.ParameterListFrequency("1,3,6"));
        var m = sig.Match(Dhcp("1,3,6"));
        Assert.Empty(m.Labels);
        Assert.True(m.Score < NameSignatures.MinScore);
    }

    [Fact]
    public void A_specific_name_beside_a_shared_list_is_not_capped()
    {
        var sig = new NameSignatures();
        sig.Learn("A", Dhcp("1,3,6", "api.a.example"));
        sig.Learn("B", Dhcp("1,3,6", "api.b.example"));
        var m = sig.Match(Dhcp("1,3,6", "api.a.example"));
        Assert.Equal(["A"], m.Labels);
        Assert.True(m.Score > NameSignatures.DefaultParameterListOnlyCap);
    }
}
