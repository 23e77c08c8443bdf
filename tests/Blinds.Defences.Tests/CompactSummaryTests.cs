using Blinds.Attacks.Activity;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>Issue 16: what the defences compute from the sparse series equals what the dense copies gave.</summary>
public class CompactSummaryTests(LabExperiments lab) : IClassFixture<LabExperiments>
{
    /// <summary>The activity profiles stochastic padding copies: each event's bins, sliced from the dense series before.</summary>
    [Theory]
    [InlineData("home")]
    [InlineData("paper-lab")]
    public void Activity_profiles_equal_slices_of_the_dense_series(string preset)
    {
        var trace = lab.Input(preset).Original;
        var devices = trace.HomeDevices.Select(d => d.Mac).ToArray();
        var (profiles, _) = Simulator.Profiles(trace, devices);

        var expected = new List<(int Device, long Tod, long[] Up, long[] Down)>();
        for (var i = 0; i < devices.Length; i++)
        {
            if (trace.FindDevice(devices[i])?.Rates is not { } rates)
            {
                continue;
            }

            var events = EventDetector.Detect(devices[i], rates);
            var dense = rates.ToDense();
            foreach (var e in events)
            {
                var first = (int)((e.StartNs - rates.OriginNs) / rates.BinNs);
                var last = (int)Math.Min(dense.BytesUp.Length, (e.EndNs - rates.OriginNs + rates.BinNs - 1) / rates.BinNs);
                if (last > first)
                {
                    expected.Add((i, ((e.StartNs % 86_400_000_000_000L) + 86_400_000_000_000L) % 86_400_000_000_000L, dense.BytesUp[first..last], dense.BytesDown[first..last]));
                }
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, profiles.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            Assert.Equal(expected[k].Device, profiles[k].Device);
            Assert.Equal(expected[k].Tod, profiles[k].TimeOfDayNs);
            Assert.Equal(expected[k].Up, profiles[k].Up);
            Assert.Equal(expected[k].Down, profiles[k].Down);
        }
    }

    /// <summary>A defended view scored against part of the truth (the audit's padded devices) by its kept bursts equals scoring the view anew.</summary>
    [Theory]
    [InlineData("tunnel")]
    [InlineData("tunnel+constant:rate=8KB/s")]
    public void Rescoring_against_another_truth_equals_scoring_anew(string defence)
    {
        var input = lab.Input("home");
        var result = lab.Run("home", defence);
        var devices = input.Truth.SelectMany(t => t.Macs).Distinct().Order().ToArray();
        Assert.True(devices.Length >= 2);
        foreach (var part in new[] { devices[..1], devices[1..], devices })
        {
            var truth = input.Truth.Where(t => t.Macs.Overlaps(part)).ToArray();
            var anew = PrivacyEvaluation.Score(result.Simulation.View, input.Original, input.Labels, truth, input.Privacy);
            Assert.Equal(anew, PrivacyEvaluation.Rescore(result.After, result.Detections, input.Original, truth, input.Privacy));
        }
    }
}
