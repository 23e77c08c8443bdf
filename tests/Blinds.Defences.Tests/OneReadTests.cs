using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Traffic;
using Blinds.Traffic.Records;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>The audit's one read: the packets logged while the trace is built stand for reading the captures again.</summary>
public class OneReadTests(LabExperiments lab) : IClassFixture<LabExperiments>
{
    [Fact]
    public void Defences_and_the_rate_search_on_the_logged_packets_equal_those_on_a_new_read()
    {
        var input = lab.Input("paper-lab");
        using var log = new PacketLog();
        var trace = TraceBuilder.ReadFiles(input.Paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true }, log);
        Assert.True(log.Packets > 1000);
        string[] specs = ["tunnel", "tunnel+stp:q=0.2", "tunnel+constant:rate=8KB/s", "conceal-dns:sni=true", "vit:rate=6KB/s"];
        var plans = specs.Select(DefenceSpec.Parse).ToArray();
        var read = Simulator.RunMany(input.Paths, trace, plans);
        var replayed = Simulator.RunMany(input.Paths, trace, plans, new SimulationOptions { Packets = log });
        for (var i = 0; i < plans.Length; i++)
        {
            SimulationAssert.Same(read[i], replayed[i]);
        }

        var kinds = trace.HomeDevices.ToDictionary(d => d.Mac, _ => DeviceKind.Camera);
        var searched = RateSearch.Search(input.Paths, trace, kinds, input.Tolerances, new RateSearchOptions());
        var fromLog = RateSearch.Search(input.Paths, trace, kinds, input.Tolerances, new RateSearchOptions { Packets = log });
        Assert.Equal(searched.Needs, fromLog.Needs);
        Assert.Equal(searched.Packets, fromLog.Packets);
    }

    [Fact]
    public void Activities_found_on_several_cores_and_once_per_series_equal_the_inference_one_by_one()
    {
        var trace = lab.Input("paper-lab").Original;
        foreach (var kind in new[] { ObserverKind.Isp, ObserverKind.Lan, ObserverKind.Wifi })
        {
            var view = Observer.Project(trace, kind);
            static DeviceKind KindOf(ObservedEntity e) => (DeviceKind)(e.Device.Value % 5);
            var expected = ActivityInference.Infer(view, KindOf);
            for (var pass = 0; pass < 2; pass++)
            {
                // The second pass takes each series' bursts from the cache.
                var got = ViewActivities.Infer(view, KindOf);
                Assert.Equal(expected.Select(a => (a.Entity.Id, a.Named)), got.Select(a => (a.Entity.Id, a.Named)));
            }
        }
    }
}
