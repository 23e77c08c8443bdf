using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>Names and traffic combined: specific names decide, generic ones do not, weak guesses are "unknown", shared MACs group.</summary>
public class CombinedIdentificationTests
{
    private static NameSignatures Signatures()
    {
        var s = new NameSignatures();
        s.Learn("plug", DeviceNames.FromNames(["api.plug.example", "pool.ntp.org"]));
        s.Learn("cam", DeviceNames.FromNames(["api.cam.example", "pool.ntp.org"]));
        s.Learn("hub", DeviceNames.FromNames(["api.hub.example", "pool.ntp.org"]));
        return s;
    }

    private static readonly Dictionary<string, double> TrafficSaysCam = new(StringComparer.Ordinal) { ["cam"] = 0.9, ["plug"] = 0.05, ["hub"] = 0.05 };

    [Fact]
    public void A_specific_name_decides_over_a_confident_traffic_guess()
    {
        var names = Signatures().Match(DeviceNames.FromNames(["api.plug.example", "fw.unseen.example"]));
        Assert.Equal(1.0, names.Specificity, 6);
        var g = CombinedIdentification.Combine(names, TrafficSaysCam, new CombinationSettings(0.9, 0.5), null);
        Assert.Equal("plug", g.Label);
        Assert.True(g.NamesDecided);
        Assert.False(g.Unknown);

        // Where names never decide (the mean rule), the same traffic outvotes the name.
        var mean = CombinedIdentification.Combine(names, TrafficSaysCam, new CombinationSettings(2, 0.5), null);
        Assert.Equal("cam", mean.Label);
    }

    [Fact]
    public void A_generic_name_does_not_decide_and_traffic_does()
    {
        var names = Signatures().Match(DeviceNames.FromNames(["pool.ntp.org", "api.cam.example"]));
        var generic = Signatures().Match(DeviceNames.FromNames(["pool.ntp.org"]));
        Assert.True(generic.Specificity < 0.9);
        var g = CombinedIdentification.Combine(generic, TrafficSaysCam, new CombinationSettings(0.9, 0.5), null);
        Assert.False(g.NamesDecided);
        Assert.Equal("cam", g.Label);
        Assert.Equal("cam", CombinedIdentification.Combine(names, TrafficSaysCam, new CombinationSettings(0.9, 0.5), null).Label);
    }

    [Fact]
    public void A_weak_guess_is_unknown_and_keeps_the_guess()
    {
        var flat = new Dictionary<string, double>(StringComparer.Ordinal) { ["cam"] = 0.4, ["plug"] = 0.2, ["hub"] = 0.2, ["kettle"] = 0.2 };
        var g = CombinedIdentification.Combine(NameMatch.None(0), flat, new CombinationSettings(0.9, 0.5), null);
        Assert.True(g.Unknown);
        Assert.Equal("cam", g.Label);
        Assert.False(CombinedIdentification.Combine(NameMatch.None(0), flat, new CombinationSettings(0.9, 0.3), null).Unknown);
    }

    [Fact]
    public void Labels_learned_from_one_mac_are_reported_together()
    {
        var a = MacAddress.Parse("02:00:00:00:00:01");
        var b = MacAddress.Parse("02:00:00:00:00:02");
        var groups = SharedMacGroups.Of([("hub", a), ("sensor", a), ("plug", b), ("hub", a)]);
        Assert.Equal(["sensor"], groups["hub"]);
        Assert.Equal(["hub"], groups["sensor"]);
        Assert.False(groups.ContainsKey("plug"));

        var traffic = new Dictionary<string, double>(StringComparer.Ordinal) { ["sensor"] = 0.8, ["hub"] = 0.1, ["plug"] = 0.1 };
        var g = CombinedIdentification.Combine(NameMatch.None(0), traffic, new CombinationSettings(0.9, 0.5), groups);
        Assert.Equal(["sensor", "hub"], g.Labels);
    }

    [Fact]
    public void Traffic_unlike_anything_learned_is_novel_and_ignored()
    {
        var rng = new Random(5);
        var training = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        var novelty = new TrafficNovelty(training);
        Assert.True(novelty.Score([0.5f, 0.5f, 0.5f, 0.5f]) < 0.5);
        Assert.Equal(1.0, novelty.Score([40f, -40f, 40f, -40f]));

        var settings = new CombinationSettings(0.9, 0.5, 0.95);
        var silent = CombinedIdentification.Combine(NameMatch.None(0), TrafficSaysCam, settings, null, 1.0);
        Assert.True(silent.Unknown);
        Assert.True(silent.Novel);
        Assert.Equal("cam", silent.Label);
        Assert.False(CombinedIdentification.Combine(NameMatch.None(0), TrafficSaysCam, settings, null, 0.2).Unknown);

        // With names, novel traffic leaves the names alone to decide.
        var names = Signatures().Match(DeviceNames.FromNames(["api.plug.example", "pool.ntp.org"]));
        var g = CombinedIdentification.Combine(names, TrafficSaysCam, new CombinationSettings(2, 0.5, 0.95), null, 1.0);
        Assert.Equal("plug", g.Label);
        Assert.True(g.Novel);
    }
}
