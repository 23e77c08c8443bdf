using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>A sweep changes one typed field of the plan; the rest of the plan stays as it was.</summary>
public class SweepTests
{
    [Fact]
    public void Rate_sets_both_directions_and_up_only_the_uplink()
    {
        var plan = DefenceSpec.Parse("tunnel+constant:down=3KB/s,devices=00:00:00:00:00:01");
        var rate = Sweep.Parse("rate=1KB/s..64KB/s", 7, plan);
        Assert.Equal([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000], rate.Values());
        Assert.Equal("tunnel+constant:rate=4KB/s,devices=00:00:00:00:00:01", rate.Apply(plan, 4_000).ToString());
        var up = Sweep.Parse("up=1KB/s..2KB/s", 3, plan);
        Assert.Equal("tunnel+constant:up=1.5KB/s,down=3KB/s,devices=00:00:00:00:00:01", up.Apply(plan, up.Values()[1]).ToString());
        Assert.Equal(plan, rate.Apply(plan, 3_000) with { Shaper = plan.Shaper });
    }

    [Fact]
    public void Each_key_is_read_with_its_own_grammar()
    {
        var vit = DefenceSpec.Parse("vit+decoy");
        Assert.Equal("vit:period=10s+decoy", Sweep.Parse("period=1s..10s", 2, vit).Apply(vit, 10).ToString());
        Assert.Equal("vit:jitter=0.5+decoy", Sweep.Parse("jitter=0..0.5", 2, vit).Apply(vit, 0.5).ToString());
        Assert.Equal("vit+decoy:jitter=1h", Sweep.Parse("jitter=1m..1h", 2, vit).Apply(vit, 3_600).ToString());
        Assert.Equal("constant:queue=8MB", Sweep.Parse("queue=1MB..8MB", 4, DefenceSpec.Parse("constant")).Apply(DefenceSpec.Parse("constant"), 8e6).ToString());
        Assert.Equal([0.1, 0.2, 0.3], Sweep.Parse("q=0.1..0.3", 3, DefenceSpec.Parse("stp")).Values());
        Assert.Equal([0.01, 0.0707107, 0.5], Sweep.Parse("q=0.01..0.5", 3, DefenceSpec.Parse("stp")).Values());
    }

    [Theory]
    [InlineData("tunnel", "rate=1KB/s..8KB/s", "--sweep: no part of 'tunnel' takes rate=")]
    [InlineData("constant", "spread=0.1..0.5", "--sweep: no part of 'constant' takes spread=")]
    [InlineData("constant", "speed=1..2", "--sweep: unknown key 'speed' (rate, up, down, size, queue, jitter, spread, period, q, every, per-day)")]
    [InlineData("constant", "rate=0.5B/s..8KB/s", "--sweep: rate= must be from 1 B/s to 1 GB/s, got '0.5B/s'")]
    [InlineData("constant", "rate=8KB/s..1KB/s", "--sweep: 1KB/s is not above 8KB/s")]
    [InlineData("stp", "q=0.1..2", "--sweep: q= must be from 0 to 1, got '2'")]
    [InlineData("constant", "rate", "--sweep: expected key=low..high, got 'rate'")]
    public void Mistakes_are_named(string spec, string sweep, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => Sweep.Parse(sweep, 4, DefenceSpec.Parse(spec))).Message);

    [Theory]
    [InlineData(86_123, 87_000)]
    [InlineData(7_201, 7_300)]
    [InlineData(7_200, 7_200)]
    [InlineData(0.123, 0.13)]
    [InlineData(1e9, 1e9)]
    public void Recommendations_round_up_to_two_digits(double value, double expected) => Assert.Equal(expected, Units.RoundUp(value, 2));
}
