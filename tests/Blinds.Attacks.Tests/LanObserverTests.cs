using Blinds.Attacks.Identification;
using Blinds.Attacks.Leaks;
using Blinds.Capture;
using Blinds.Lab;
using Blinds.Traffic;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>What the LAN observer reads in the lab's home: one phone behind three MACs, a Hue key in a URL, announcements.</summary>
public class LanObserverTests
{
    private static readonly Lazy<Trace> Home = new(() =>
    {
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        new HomeSimulator(Presets.Home24h(1, busy: false) with { Duration = TimeSpan.FromHours(20) }).Run((t, f) => w.Write(t, f));
        var builder = new TraceBuilder();
        using var r = CaptureReader.Open(new MemoryStream(ms.ToArray()), builder.Log, "home");
        builder.Read(r);
        return builder.Build();
    });

    [Fact]
    public void Randomised_macs_are_linked_to_the_phone_and_nothing_else_is()
    {
        var linked = Assert.Single(MacLinker.Link(Home.Value));
        Assert.Equal(3, linked.Macs.Count);
        Assert.Equal(Presets.HomeDevices().Single(d => d.Name == "phone").Mac, linked.Macs[0]); // the real MAC first
        Assert.All(linked.Macs.Skip(1), m => Assert.True(m.IsLocallyAdministered));
        Assert.Contains("dhcp host name Alices-iPhone", linked.Evidence);
        Assert.InRange(linked.Confidence, 0.98, 1);
    }

    [Fact]
    public void The_hue_key_is_found_and_redacted_unless_asked()
    {
        var leaks = LeakFinder.Find(Home.Value);
        var keys = leaks.Where(l => l.Kind == LeakKind.HttpKeyInUrl).ToArray();
        Assert.NotEmpty(keys);
        Assert.All(keys, l => Assert.Equal("GET http://192.168.1.26/api/[redacted]/lights", l.Evidence));
        Assert.All(leaks, l => Assert.DoesNotContain(HomeSimulator.HueApiKey, l.Evidence, StringComparison.Ordinal));
        Assert.Contains(LeakFinder.Find(Home.Value, showSecrets: true), l => l.Evidence.Contains(HomeSimulator.HueApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Announcing_devices_are_listed()
    {
        var leaks = LeakFinder.Find(Home.Value);
        var hue = Presets.HomeDevices().Single(d => d.Name == "hue-bridge").Mac;
        var ssdp = Assert.Single(leaks, l => l.Kind == LeakKind.SsdpAnnouncement);
        Assert.Equal(hue, ssdp.Device);
        Assert.Contains("IpBridge", ssdp.Evidence, StringComparison.Ordinal);
        Assert.Contains(leaks, l => l.Kind == LeakKind.MdnsAnnouncement && l.Device == hue && l.Evidence == "philips-hue.local");
    }

    [Fact]
    public void Signatures_survive_a_round_trip_and_refuse_weak_matches()
    {
        var sig = new NameSignatures();
        var plug = new DeviceNames(new HashSet<string> { "devs.tplinkcloud.com" }, new HashSet<string> { "hs110" }, new HashSet<string>(), new HashSet<string> { "1,3,6" });
        sig.Learn("tplink", plug);
        var path = Path.GetTempFileName();
        try
        {
            using (var f = File.Create(path))
            {
                sig.Save(f);
            }

            var loaded = NameSignatures.Load(path);
            Assert.Equal(("tplink", 1.0), loaded.Identify(plug));
            var stranger = new DeviceNames(new HashSet<string> { "example.org" }, new HashSet<string>(), new HashSet<string>(), new HashSet<string> { "1,3,6" });
            var (label, score) = loaded.Identify(stranger);
            Assert.Null(label); // only the common option list matches
            Assert.InRange(score, 0.01, NameSignatures.MinScore);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("/api/1028d66426293e821ecfd9ef1a0731df/lights", "/api/[redacted]/lights")]
    [InlineData("/status?token=abc&x=1", "/status?token=[redacted]&x=1")]
    [InlineData("/firmware/v1.2.3/image-2024.bin", "/firmware/v1.2.3/image-2024.bin")]
    [InlineData("/description.xml", "/description.xml")]
    public void Redaction_hides_keys_and_keeps_ordinary_paths(string target, string redacted) =>
        Assert.Equal(redacted, SecretRedactor.Target(target));
}
