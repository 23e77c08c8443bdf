using Blinds.Attacks.Observers;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>
/// A defended view holds the undefended trace's series where its stream's bins are the very same (names concealed):
/// the memory of one view less, and the bursts found once. Only where they are the same: a defence that changes a
/// stream keeps its own series.
/// </summary>
public class SharedSeriesTests(LabExperiments lab) : IClassFixture<LabExperiments>
{
    [Theory]
    [InlineData("paper-lab")]
    [InlineData("sparse")]
    public void Concealing_names_shares_every_stream_series_with_the_trace(string preset)
    {
        var input = lab.Input(preset);
        var isp = Observer.Project(input.Original, ObserverKind.Isp);
        var view = Simulator.Run(input.Paths, input.Original, DefenceSpec.Parse("conceal-dns:sni=true")).View;
        var traced = isp.Entities.Where(e => e.Rates is not null).ToDictionary(e => (e.Remote, e.Device), e => e.Rates!);
        var defended = view.Entities.Where(e => e.Rates is not null).ToArray();
        Assert.NotEmpty(defended);
        Assert.Equal(traced.Count, defended.Length);
        foreach (var e in defended)
        {
            Assert.Same(traced[(e.Remote, e.Device)], e.Rates);
        }
    }

    [Theory]
    [InlineData("paper-lab")]
    [InlineData("sparse")]
    public void A_defence_that_moves_packets_keeps_its_own_series_and_shares_only_equal_ones(string preset)
    {
        var input = lab.Input(preset);
        var traced = Observer.Project(input.Original, ObserverKind.Isp).Entities.Where(e => e.Rates is not null).ToDictionary(e => (e.Remote, e.Device), e => e.Rates!);
        foreach (var spec in new[] { "stp:q=0.2", "constant:rate=8KB/s", "tunnel" })
        {
            var view = Simulator.Run(input.Paths, input.Original, DefenceSpec.Parse(spec)).View;
            var changed = 0;
            foreach (var e in view.Entities.Where(e => e.Rates is not null))
            {
                if (traced.TryGetValue((e.Remote, e.Device), out var original) && ReferenceEquals(original, e.Rates))
                {
                    continue; // shared: SameBins held
                }

                changed++;
                Assert.False(original is not null && original.SameBins(e.Rates!), $"{spec}: {e.Id} has the trace's bins but a copy");
            }

            Assert.True(changed > 0, $"{spec}: no stream changed");
        }
    }
}
