using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;
using Blinds.Testing;
using Blinds.Traffic;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Attacks.Tests;

/// <summary>
/// Name-based identification on the IoT Sentinel setup captures (31 device types, 550 captures), labelled by folder
/// (two pairs of folders share a MAC), leave-one-capture-out: the device of each capture is identified from signatures
/// learned on all the other captures. Figures go to results/real-data.md through scripts/real-data-results.sh.
/// </summary>
public class IotSentinelIdentificationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Names_identify_the_iot_sentinel_devices_leave_one_capture_out()
    {
        var observations = new List<(string Label, string File, DeviceNames Names)>();
        foreach (var (label, file, mac) in IotSentinelCaptures.Require())
        {
            var device = TraceBuilder.ReadFiles([file]).FindDevice(mac);
            observations.Add((label, file, device is null ? DeviceNames.Empty : DeviceNames.Of(device)));
        }

        var signatures = new NameSignatures();
        foreach (var o in observations)
        {
            signatures.Learn(o.Label, o.Names);
        }

        var perLabel = new Dictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
        var confusions = new Dictionary<(string, string), int>();
        var right = 0;
        var silent = 0;
        foreach (var o in observations)
        {
            signatures.Forget(o.Label, o.Names);
            var (guess, _) = signatures.Identify(o.Names);
            signatures.Learn(o.Label, o.Names);
            silent += o.Names.IsEmpty ? 1 : 0;
            var ok = guess == o.Label;
            right += ok ? 1 : 0;
            var (r, t) = perLabel.GetValueOrDefault(o.Label);
            perLabel[o.Label] = (r + (ok ? 1 : 0), t + 1);
            if (!ok)
            {
                var key = (o.Label, guess ?? "(nothing)");
                confusions[key] = confusions.GetValueOrDefault(key) + 1;
            }
        }

        var accuracy = right / (double)observations.Count;
        var chance = observations.GroupBy(o => o.Label).Max(g => g.Count()) / (double)observations.Count;
        output.WriteLine($"RESULT iot-sentinel-names | {observations.Count} captures | {perLabel.Count} labels | accuracy {accuracy:P1} | chance {chance:P1} | {silent} captures where the device named nothing");
        foreach (var (label, (r, t)) in perLabel.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"RESULT label {label} | {r}/{t}");
        }

        foreach (var ((truth, guess), n) in confusions.OrderByDescending(kv => kv.Value).Take(10))
        {
            output.WriteLine($"RESULT confusion {truth} -> {guess} | {n}");
        }

        Assert.Equal(31, perLabel.Count);
        Assert.True(accuracy > 5 * chance, $"accuracy {accuracy:P1}, chance {chance:P1}");
    }
}
