using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Lab;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>Traffic profiles of the lab's devices: one value per named feature, and devices of different kinds told apart.</summary>
public class TrafficProfileTests
{
    [Fact]
    public void Profiles_have_one_value_per_feature_and_tell_lab_devices_apart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"blinds-profile-{Environment.ProcessId}.pcapng");
        try
        {
            using (var file = File.Create(path))
            {
                var w = new PcapNgWriter(file, LinkType.Ethernet);
                new HomeSimulator(Presets.PaperLab(1)).Run((t, f) => w.Write(t, f));
            }

            var devices = Presets.PaperLab(1).Devices;
            var profiles = TrafficProfiler.Read([path], devices.Select(d => d.Mac).ToHashSet());
            Assert.All(profiles.Values, p => Assert.Equal(TrafficProfile.FeatureNames.Count, p.Vector().Length));
            Assert.All(profiles.Values, p => Assert.True(p.Packets > 0));
            var vectors = profiles.Values.Select(p => string.Join(",", p.Vector())).ToHashSet();
            Assert.Equal(devices.Count, vectors.Count);
            var sent = TrafficProfile.FeatureNames.ToList().IndexOf("sent_share");
            Assert.All(profiles.Values, p => Assert.InRange(p.Vector()[sent], 0.01f, 0.99f));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
