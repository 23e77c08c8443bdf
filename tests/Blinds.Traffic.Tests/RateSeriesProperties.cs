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

/// <summary>The compact series (issue 16) against the plain array of 32-byte bins it replaced.</summary>
public class CompactRateSeriesProperties
{
    /// <summary>
    /// Any mix of packets, bursts and whole bins, in any order, with compactions between: the bins read back are
    /// exactly those a sorted table of plain bins holds (values of any size and sign, late bins merged).
    /// </summary>
    [Property(MaxTest = 500)]
    public void Bins_read_back_equal_a_plain_table((byte Op, ushort At, int Bytes, bool Up, bool Big)[] ops)
    {
        const long origin = 5_000, bin = 10;
        var series = new RateSeries(origin, bin);
        var table = new SortedDictionary<int, RateBin>();
        var count = 0;
        foreach (var (op, at, bytes, up, big) in ops)
        {
            var index = at % 3000;
            switch (op % 4)
            {
                case 0:
                    series.Add(origin + (index * bin) + (at % 10), bytes, up);
                    Update(index, up ? bytes : 0, up ? 0 : bytes, up ? 1 : 0, up ? 0 : 1);
                    break;
                case 1:
                    long bu = big ? (long)bytes << 20 : bytes, bd = big ? -bytes : bytes / 3;
                    series.AddBin(index, bu, bd, at, bytes & 0xff);
                    Update(index, bu, bd, at, bytes & 0xff);
                    break;
                case 2:
                    var times = Enumerable.Range(0, (at % 7) + 1).Select(k => origin + (index * bin) + (k * 4)).ToArray();
                    series.AddMany(times, bytes, up);
                    foreach (var t in times)
                    {
                        var i = (int)((t - origin) / bin);
                        Update(i, up ? bytes : 0, up ? 0 : bytes, up ? 1 : 0, up ? 0 : 1);
                    }

                    break;
                default:
                    series.Compact();
                    break;
            }
        }

        Assert.Equal(table.Values.ToArray(), series.Bins.ToArray());
        Assert.Equal(count, series.Count);
        Assert.Equal(table.Values.Sum(b => b.Bytes), series.TotalBytes);
        Assert.Equal(table.Count == 0 ? null : origin + (table.Keys.First() * bin), series.FirstActiveNs);
        series.Compact();
        Assert.Equal(table.Values.ToArray(), series.Bins.ToArray());
        Assert.Equal(table.Values.Select(b => b with { BytesUp = Math.Max(0, b.BytesUp + (b.PacketsUp * 40L)), BytesDown = Math.Max(0, b.BytesDown + (b.PacketsDown * 40L)) }).ToArray(), series.PlusPerPacket(40).Bins.ToArray());

        void Update(int i, long bytesUp, long bytesDown, int packetsUp, int packetsDown)
        {
            var b = table.TryGetValue(i, out var old) ? old : new RateBin(i, 0, 0, 0, 0);
            table[i] = new RateBin(i, b.BytesUp + bytesUp, b.BytesDown + bytesDown, b.PacketsUp + packetsUp, b.PacketsDown + packetsDown);
            count = Math.Max(count, i + 1);
        }
    }

    /// <summary>
    /// A shaper's two directions into one tunnel: each step writes one direction's cover up to a time, then the
    /// other's from the same start, so half the bins arrive late, in runs. Thousands of them are merged as they come
    /// (the series stays a few bytes a bin) and read back exactly as a plain table holds them.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Runs_of_late_bins_are_merged_as_they_come(int seed)
    {
        var rng = new Random(seed);
        var series = new RateSeries(0, 1_000_000_000L);
        var table = new SortedDictionary<int, RateBin>();
        var t = 0L;
        for (var step = 0; step < 60; step++)
        {
            var until = t + (rng.Next(1, 3000) * 1_000_000_000L);
            foreach (var up in new[] { true, false })
            {
                var times = new List<long>();
                for (var at = t + rng.Next(1_000_000_000); at < until; at += rng.Next(1, 2_000_000_000))
                {
                    times.Add(at);
                }

                series.AddMany(times.ToArray(), 572, up);
                foreach (var at in times)
                {
                    var i = (int)(at / 1_000_000_000L);
                    var b = table.TryGetValue(i, out var old) ? old : new RateBin(i, 0, 0, 0, 0);
                    table[i] = up ? b with { BytesUp = b.BytesUp + 572, PacketsUp = b.PacketsUp + 1 } : b with { BytesDown = b.BytesDown + 572, PacketsDown = b.PacketsDown + 1 };
                }
            }

            if (rng.Next(50) == 0)
            {
                // A packet far back (merged files): late by much more than one block.
                var back = rng.Next((int)(until / 1_000_000_000L));
                series.Add(back * 1_000_000_000L, 60, up: true);
                var b = table.TryGetValue(back, out var old) ? old : new RateBin(back, 0, 0, 0, 0);
                table[back] = b with { BytesUp = b.BytesUp + 60, PacketsUp = b.PacketsUp + 1 };
            }

            t = until;
        }

        Assert.True(series.StoredBytes < table.Count * 12L, $"{series.StoredBytes} bytes for {table.Count} bins");
        Assert.Equal(table.Values.ToArray(), series.Bins.ToArray());
        series.Compact();
        Assert.Equal(table.Values.ToArray(), series.Bins.ToArray());
    }

    /// <summary>The paper lab's trace: every device's and stream's 1 s series together take under 8 bytes a bin (32 before issue 16).</summary>
    [Fact]
    public void A_lab_trace_keeps_its_series_in_a_few_bytes_a_bin()
    {
        var trace = LabTrace.Read(LabTrace.Capture, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true });
        var series = trace.Devices.SelectMany(d => new[] { d.Rates, d.FrameRates }).Concat(trace.Streams.Select(s => s.Rates)).OfType<RateSeries>().ToArray();
        var bins = series.Sum(s => (long)s.Bins.ToArray().Length);
        var stored = series.Sum(s => s.StoredBytes);
        Assert.True(bins > 10_000, $"{bins} bins");
        Assert.True(stored < bins * 8, $"{stored:N0} bytes for {bins:N0} bins");
    }

    [Fact]
    public void A_sparse_day_costs_a_few_bytes_a_bin()
    {
        var series = new RateSeries(0, 1_000_000_000L);
        var rng = new Random(1);
        for (var s = 0; s < 86_400; s += 1 + rng.Next(3))
        {
            series.Add(s * 1_000_000_000L, 60 + rng.Next(1400), up: rng.Next(2) == 0);
        }

        series.Compact();
        var bins = series.Bins.ToArray().Length;
        Assert.True(series.StoredBytes < bins * 6L, $"{series.StoredBytes} bytes for {bins} bins");
    }
}

/// <summary><see cref="RateSeries.SameBins"/>: true exactly when two series give the same bins, however they were filled.</summary>
public class SameBinsProperties
{
    private const long Origin = 1_000_000_000_000L, Bin = 1_000_000_000L;

    /// <summary>The same packets in another order (late bins merged or not) are the same bins; the dense counts say so too.</summary>
    [Property(MaxTest = 300)]
    public void Same_packets_in_any_order_are_the_same_bins((ushort At, ushort Bytes, bool Up)[] packets, bool compact)
    {
        var ordered = Fill(packets.OrderBy(p => p.At));
        var shuffled = Fill(packets.Reverse());
        if (compact)
        {
            shuffled.Compact();
        }

        Assert.True(ordered.SameBins(shuffled));
        Assert.True(shuffled.SameBins(ordered));
        Assert.Equal(ordered.FirstActiveNs, shuffled.FirstActiveNs);
    }

    /// <summary>Any change to one packet, or a longer count, makes them differ; and SameBins agrees with the dense arrays.</summary>
    [Property(MaxTest = 300)]
    public void Different_bins_are_told_apart((ushort At, ushort Bytes, bool Up)[] packets, ushort at, ushort bytes, bool up, bool extend)
    {
        var a = Fill(packets);
        var b = Fill(packets);
        if (extend)
        {
            b.ExtendTo(Origin + ((long)(a.Count + 3) * Bin));
        }
        else
        {
            b.Add(Origin + (at * (Bin / 4)), bytes, up);
        }

        var (da, db) = (a.ToDense(), b.ToDense());
        var dense = da.BytesUp.SequenceEqual(db.BytesUp) && da.BytesDown.SequenceEqual(db.BytesDown) && da.PacketsUp.SequenceEqual(db.PacketsUp) && da.PacketsDown.SequenceEqual(db.PacketsDown) && a.FirstActiveNs == b.FirstActiveNs;
        Assert.False(a.SameBins(b)); // a packet always counts (its packet count), an extension always lengthens
        Assert.Equal(dense, a.SameBins(b));
        Assert.True(a.SameBins(a));
    }

    [Fact]
    public void Origin_and_bin_width_count()
    {
        var a = new RateSeries(0, 10);
        var b = new RateSeries(0, 20);
        var c = new RateSeries(10, 10);
        Assert.False(a.SameBins(b));
        Assert.False(a.SameBins(c));
        Assert.True(a.SameBins(new RateSeries(0, 10)));
    }

    private static RateSeries Fill(IEnumerable<(ushort At, ushort Bytes, bool Up)> packets)
    {
        var s = new RateSeries(Origin, Bin);
        foreach (var (at, bytes, up) in packets)
        {
            s.Add(Origin + (at * (Bin / 4)), bytes, up);
        }

        return s;
    }
}
