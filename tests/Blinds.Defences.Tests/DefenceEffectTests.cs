using Blinds.Defences.Evaluation;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Defences.Tests;

/// <summary>What each defence buys on the lab presets, measured by re-running the attacks (issue 5, "how it is checked").</summary>
public class DefenceEffectTests(LabExperiments lab, ITestOutputHelper output) : IClassFixture<LabExperiments>
{
    private ExperimentResult Run(string preset, string defence)
    {
        var r = lab.Run(preset, defence);
        foreach (var (name, s) in new[] { ("before", r.Before), ("after", r.After) })
        {
            output.WriteLine($"{preset} {defence} {name}: rates {s.Accuracy:P1} (chance {s.AccuracyChance:P1}, {s.Windows} windows), names {s.NameAccuracy:P0} (chance {s.NameChance:P0}), activities R {s.Recall:F2} P {s.Precision:F2} F1 {s.F1:F2} (chance F1 {s.ChanceF1:F3})");
        }

        output.WriteLine($"  cost {r.Cost.OverheadBytesPerSecond / 1e3:F2} KB/s, {r.Cost.OverheadGbPerMonth:F1} GB/month, delay {r.Cost.DelayMean:F2}/{r.Cost.DelayP95:F2}/{r.Cost.DelayMax:F2} s, drops {r.Cost.Drops}");
        return r;
    }

    [Fact]
    public void No_defence_scores_exactly_as_the_undefended_view()
    {
        var r = Run("paper-lab", "none");
        Assert.Equal(r.Before, r.After);
        Assert.Equal(0, r.Cost.OverheadBytes);
        Assert.Equal(r.Cost.RealBytes, r.Cost.ObservedBytes);
    }

    [Fact]
    public void Constant_rate_shaping_in_a_tunnel_drives_the_attacks_to_chance_at_a_stated_cost()
    {
        var r = Run("paper-lab", "tunnel+constant:rate=10KB/s");
        Assert.True(r.Before.F1 > 0.9 && r.Before.Accuracy > r.Before.AccuracyChance + 0.15, "the undefended attacks must work for the comparison to mean anything");
        Assert.True(r.After.AtChance(0.05), $"{r.After}");
        Assert.Equal(0, r.After.Matched);

        // 10 KB/s each way, whatever the home does: about 2 x 10 KB/s of wire minus the real bytes, plus tunnel headers.
        Assert.InRange(r.Cost.ObservedBytes / r.Cost.Seconds, 2 * 10_240 * 0.97, 2 * 10_240 * 1.15);
        Assert.True(r.Cost.DelayMean > 0 && r.Cost.Drops == 0);
    }

    [Theory]
    [InlineData("tunnel+constant:rate=10KB/s")]
    [InlineData("tunnel+vit:rate=10KB/s")]
    [InlineData("block:device=94:10:3e:35:01:c1+stp:q=0.2+tunnel")]
    public void Every_byte_is_accounted_for(string defence)
    {
        var c = Run("paper-lab", defence).Cost;
        Assert.Equal(c.RealBytes - c.BlockedBytes - c.DroppedBytes + c.OverheadBytes, c.ObservedBytes);
        Assert.Equal(c.RealBytes, c.Devices.Sum(d => d.RealBytes));
        Assert.Equal(c.BlockedBytes, c.Devices.Sum(d => d.BlockedBytes));
    }

    [Fact]
    public void A_tunnel_alone_fails_for_a_single_sparse_device()
    {
        var r = Run("sparse", "tunnel");
        Assert.True(r.After.Recall >= 0.7 && r.After.F1 > r.After.ChanceF1 + 0.5, $"{r.After}");
        Assert.False(r.After.AtChance(0.05));
    }

    [Fact]
    public void A_tunnel_alone_fails_when_one_device_dominates()
    {
        var r = Run("dominating", "tunnel");
        Assert.True(r.After.F1 > r.After.ChanceF1 + 0.3, $"{r.After}");
        Assert.False(r.After.AtChance(0.05));
    }

    [Fact]
    public void A_tunnel_reduces_identification_in_a_busy_home()
    {
        var r = Run("home", "tunnel");
        var before = r.Before.Accuracy - r.Before.AccuracyChance;
        var after = r.After.Accuracy - r.After.AccuracyChance;
        Assert.True(after < before / 2, $"lift over chance {before:F3} -> {after:F3}");
        Assert.Equal(1.0, r.Before.NameAccuracy, 1);
        Assert.Equal(0, r.After.NameAccuracy);
    }

    [Fact]
    public void Concealing_dns_leaves_the_names_tls_still_sends()
    {
        var dns = Run("paper-lab", "conceal-dns");
        Assert.Equal(dns.Before.NameAccuracy, dns.After.NameAccuracy);
        var both = Run("paper-lab", "conceal-dns:sni=true");
        Assert.Equal(0, both.After.NameAccuracy);
        Assert.Equal(both.Before.Accuracy, both.After.Accuracy); // rates untouched
    }

    [Fact]
    public void Stochastic_padding_hides_real_activities_among_copies()
    {
        var r = Run("paper-lab", "stp:q=0.3");
        Assert.True(r.Simulation.InjectedPeriods > 20);
        Assert.True(r.After.Precision < r.Before.Precision / 2, $"{r.After.Precision} vs {r.Before.Precision}");
        Assert.True(r.Cost.InjectedBytes > 0 && r.Cost.CoverBytes == 0);
    }

    [Fact]
    public void Decoys_add_as_many_plausible_activities_as_there_are_real_ones()
    {
        var r = Run("home", "decoy");
        Assert.InRange(r.After.Detected, r.Before.Detected * 1.5, r.Before.Detected * 2.5);
        Assert.True(r.After.Precision < r.Before.Precision * 0.75);
    }

    [Fact]
    public void Shaping_chosen_devices_at_chosen_hours_costs_less()
    {
        var all = Run("paper-lab", "tunnel+constant:rate=10KB/s");
        var some = Run("paper-lab", "tunnel+constant:rate=10KB/s,devices=50:c7:bf:00:fc:a3;94:10:3e:35:01:c1,schedule=00:00-01:00");
        Assert.True(some.Cost.CoverBytes < all.Cost.CoverBytes * 0.7, $"{some.Cost.CoverBytes} vs {all.Cost.CoverBytes}");
        var plug = some.Cost.Devices.Single(d => d.Mac.ToString() == "50:c7:bf:00:fc:a3");
        var camera = some.Cost.Devices.Single(d => d.Mac.ToString() == "18:b4:30:aa:bb:01");
        Assert.True(plug.PaddingBytes > 0);
        Assert.Equal(0, camera.PaddingBytes);
        Assert.Equal(0, camera.DelayMax);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_another()
    {
        var a = lab.Run("paper-lab", "tunnel+vit:rate=10KB/s");
        var b = lab.Run("paper-lab", "tunnel+vit:rate=10KB/s");
        Assert.Equal(a.Cost.ObservedBytes, b.Cost.ObservedBytes);
        Assert.Equal(a.After, b.After);
    }
}
