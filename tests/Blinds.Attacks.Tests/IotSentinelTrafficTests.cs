using System.Diagnostics;

using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;
using Blinds.Testing;
using Blinds.Traffic;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Attacks.Tests;

/// <summary>
/// IoT Sentinel setup captures, labelled by folder: names, traffic features (k-NN and ML.NET's LightGBM and
/// FastTree) and both combined, each capture scored by models trained on the other folds (10 stratified folds of captures by default; BLINDS_IOTS_FOLDS=449 leaves one out).
/// Figures go to results/identification.md through scripts/real-data-results.sh.
/// </summary>
public class IotSentinelTrafficTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Names_and_traffic_identify_the_iot_sentinel_devices_in_folds_of_captures()
    {
        var observations = new List<CaptureObservation>();
        var captures = IotSentinelCaptures.Require();
        var groups = SharedMacGroups.Of(captures.Select(c => (c.Label, c.Mac)));
        foreach (var (label, file, mac) in captures)
        {
            var device = TraceBuilder.ReadFiles([file]).FindDevice(mac);
            var profile = TrafficProfiler.Read([file], new HashSet<MacAddress> { mac })[mac];
            observations.Add(new CaptureObservation(label, file, device is null ? DeviceNames.Empty : DeviceNames.Of(device), profile.Vector()));
        }

        var clock = Stopwatch.StartNew();
        TrafficClassifier.Train(observations.Select(o => o.Features).ToArray(), observations.Select(o => o.Label).ToArray());
        output.WriteLine($"RESULT training LightGBM on all {observations.Count} captures | {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1));

        var folds = int.Parse(Environment.GetEnvironmentVariable("BLINDS_IOTS_FOLDS") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var result = CaptureIdentificationEvaluation.Run(observations, folds == 0 ? observations.Count : folds, seed: 1, groups);
        foreach (var line in result.Lines())
        {
            output.WriteLine("RESULT " + line);
        }

        var combined = result.Methods.Single(m => m.Name == "names+lightgbm");
        Assert.True(combined.Strict > result.Chance * 5);
        Assert.NotNull(result.OpenSet);
        Assert.True(result.OpenSet.UnknownCaptures > 0);
    }
}
