using Blinds.Lab;
using Blinds.Testing;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>Packet times are data an attacker writes: stray stamps must not stretch the trace.</summary>
public class TimeGuardTests
{
    private static readonly TraceOptions Series = new() { Bin = TimeSpan.FromSeconds(1), StreamSeries = true, NowNs = HostileCaptures.At(2026, 12, 2) };

    [Theory]
    [InlineData(0)] // the stray is the very first packet: it must not become the series' origin
    [InlineData(500)]
    public void Stamps_from_1970_2038_and_2106_are_counted_and_left_out(int after)
    {
        var scenario = Presets.PaperLab(3);
        var clean = LabTrace.Read(HostileCaptures.HomeWithStrayStamps(scenario), Series);
        var bytes = HostileCaptures.HomeWithStrayStamps(scenario, (after, 0), (after, HostileCaptures.At(2038, 1, 19)), (after + 1, HostileCaptures.At(2106, 2, 7)), (after + 2, HostileCaptures.At(1985)));
        var trace = LabTrace.Read(bytes, Series);

        Assert.Equal(4, trace.Anomalies.Count(TimeGuard.TimeOutlier));
        Assert.Equal(4, trace.Captures[0].TimeOutliers);
        Assert.Equal(clean.Packets + 4, trace.Packets);
        Assert.Equal(clean.FirstNs, trace.FirstNs);
        Assert.Equal(clean.LastNs, trace.LastNs);

        // Every series has exactly the bins of the clean capture: nothing is sized by the strays' span.
        Assert.Equal(clean.Devices.Sum(d => (long)(d.Rates?.Count ?? 0)), trace.Devices.Sum(d => (long)(d.Rates?.Count ?? 0)));
        Assert.Equal(clean.Streams.Sum(s => (long)(s.Rates?.Count ?? 0)), trace.Streams.Sum(s => (long)(s.Rates?.Count ?? 0)));
        Assert.Equal(clean.Devices.Sum(d => d.BytesSent), trace.Devices.Sum(d => d.BytesSent));
    }

    [Fact]
    public void A_jump_of_years_between_neighbours_is_an_outlier_within_plausible_years()
    {
        var scenario = Presets.PaperLab(3);
        var trace = LabTrace.Read(HostileCaptures.HomeWithStrayStamps(scenario, (100, HostileCaptures.At(2021, 6, 1)), (200, HostileCaptures.At(2026, 4, 1))), Series);
        Assert.Equal(1, trace.Anomalies.Count(TimeGuard.TimeOutlier)); // 2021 is years off; April 2026 is within the bulk's half-year
        Assert.True(trace.FirstNs >= HostileCaptures.At(2026));
    }

    [Fact]
    public void A_capture_all_in_1970_is_its_own_bulk()
    {
        var guard = new TimeGuard(HostileCaptures.At(2026));
        guard.Anchor([1_000, 2_000, 3_000]);
        Assert.True(guard.Keep(5_000_000_000_000));
        Assert.False(guard.Keep(HostileCaptures.At(2026)));
    }

    [Fact]
    public void Extreme_stamps_never_overflow()
    {
        var guard = new TimeGuard(long.MaxValue);
        guard.Anchor([long.MaxValue, long.MinValue, long.MaxValue]);
        Assert.True(guard.Keep(long.MaxValue));
        Assert.False(guard.Keep(long.MinValue));
    }
}
