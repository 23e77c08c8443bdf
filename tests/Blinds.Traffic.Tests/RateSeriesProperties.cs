using Blinds.Traffic.Series;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Traffic.Tests;

public class RateSeriesProperties
{
    /// <summary>Packets in any order land in the same bins as a plain dense count, and only non-empty bins are kept, in order.</summary>
    [Property(MaxTest = 300)]
    public void Sparse_bins_equal_a_dense_count_whatever_the_order((ushort At, ushort Bytes, bool Up)[] packets)
    {
        const long origin = 1_000_000_000_000L, bin = 1_000_000_000L;
        var series = new RateSeries(origin, bin);
        var up = new long[70_000];
        var down = new long[70_000];
        var count = 0;
        foreach (var (at, bytes, isUp) in packets)
        {
            var ts = origin + (at * (bin / 4)); // four packets' times per bin: bins repeat, go back and jump ahead
            series.Add(ts, bytes, isUp);
            var i = at / 4;
            (isUp ? up : down)[i] += bytes;
            count = Math.Max(count, i + 1);
        }

        series.Add(origin - 1, 1000, up: true); // before the origin: ignored
        Assert.Equal(count, series.Count);
        var dense = series.ToDense();
        Assert.Equal(up[..count], dense.BytesUp);
        Assert.Equal(down[..count], dense.BytesDown);
        var indices = series.Bins.ToArray().Select(b => b.Index).ToArray();
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(indices.Distinct().Count(), indices.Length);
        Assert.Equal(packets.Length, series.Bins.ToArray().Sum(b => b.PacketsUp + b.PacketsDown));
        Assert.Equal(up.Sum() + down.Sum(), series.TotalBytes);
        Assert.Equal(up.Sum() + down.Sum(), series.SampleBytes(7).Sum());
    }

    [Fact]
    public void Framing_overhead_is_added_per_packet_in_each_direction()
    {
        var s = new RateSeries(0, 10);
        s.Add(5, 100, up: true);
        s.Add(6, 50, up: false);
        s.Add(25, 10, up: true);
        var plus = s.PlusPerPacket(40);
        Assert.Equal([140, 0, 50], plus.ToDense().BytesUp);
        Assert.Equal([90, 0, 0], plus.ToDense().BytesDown);
        Assert.Equal(150 + 10 + 120, plus.TotalBytes);
        Assert.Equal(160, s.TotalBytes); // the original is untouched
    }
}
