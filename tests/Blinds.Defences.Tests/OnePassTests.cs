using Blinds.Attacks.Kinds;
using Blinds.Defences.Costs;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>The audit's single reads: several defences on one read give what one read each gives; the rate search keeps to a budget.</summary>
public class OnePassTests(LabExperiments lab) : IClassFixture<LabExperiments>
{
    [Fact]
    public void Defences_simulated_together_equal_each_simulated_alone()
    {
        var input = lab.Input("paper-lab");
        string[] specs = ["tunnel", "tunnel+stp:q=0.2", "tunnel+constant:rate=8KB/s", "conceal-dns:sni=true", "vit:rate=6KB/s"];
        var plans = specs.Select(DefenceSpec.Parse).ToArray();
        var together = Simulator.RunMany(input.Paths, input.Original, plans);
        Assert.Equal(specs.Length, together.Count);
        for (var i = 0; i < plans.Length; i++)
        {
            var alone = Simulator.Run(input.Paths, input.Original, plans[i]);
            Assert.Same(plans[i], together[i].Plan);
            SimulationAssert.Same(alone, together[i]);
        }

        Assert.True(together[2].Cost.Home.Overhead[(int)OverheadKind.Cover] > 0, "the padding sent cover");
    }

    [Fact]
    public void The_rate_search_keeps_to_its_packet_budget_and_says_where_it_stopped()
    {
        var input = lab.Input("paper-lab");
        var kinds = input.Original.HomeDevices.ToDictionary(d => d.Mac, _ => DeviceKind.Plug);
        var whole = RateSearch.Search(input.Paths, input.Original, kinds, input.Tolerances, new RateSearchOptions());
        Assert.Null(whole.CutAtNs);
        Assert.Equal(RateSearch.Run(input.Paths, input.Original, kinds, input.Tolerances).Select(n => n.Up), whole.Needs.Select(n => n.Up));

        var part = RateSearch.Search(input.Paths, input.Original, kinds, input.Tolerances, new RateSearchOptions { MaxPackets = 5_000 });
        Assert.Equal(5_000, part.Packets);
        Assert.NotNull(part.CutAtNs);
        Assert.InRange(part.CutAtNs!.Value, input.Original.FirstNs!.Value, input.Original.LastNs!.Value);
        Assert.Equal(whole.Needs.Count, part.Needs.Count);
        Assert.True(whole.Packets > part.Packets);
    }
}
