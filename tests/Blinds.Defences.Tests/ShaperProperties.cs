using Blinds.Defences.Costs;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Pipeline;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>The shaper's promises, for any traffic: nothing real is lost (only delayed, or dropped and counted), and send times are the seed's alone.</summary>
public class ShaperProperties
{
    private static readonly IpAddress Remote = IpAddress.FromV4(0x0808_0808);
    private static readonly IpAddress Cover = IpAddress.FromV4(0xcb00_71fe);

    private static (WireRecorder Out, CostMeter Cost, List<WirePacket> In) Shape((ushort GapMs, ushort Bytes, bool Up, byte Device)[] traffic, ShaperOptions options, int seed, long endNs = 0)
    {
        var cost = new CostMeter(4);
        var shaper = new ShaperStage(options, Scope.All, cost, Cover, seed);
        var recorder = new WireRecorder();
        shaper.Next = recorder;
        var input = new List<WirePacket>();
        long t = 1_000_000_000;
        shaper.AdvanceTo(t);
        foreach (var (gap, bytes, up, device) in traffic)
        {
            t += gap * 1_000_000L;
            var p = new WirePacket(t, 60 + (bytes % 1_455), up, Remote, device % 4, PacketRole.Real, t);
            input.Add(p);
            cost.Real(p.Device, p.Up, p.Bytes);
            shaper.AdvanceTo(t);
            shaper.Push(p);
        }

        shaper.Finish(Math.Max(t, endNs));
        return (recorder, cost, input);
    }

    [Property(MaxTest = 200)]
    public void Every_real_byte_leaves_later_or_is_counted_as_dropped((ushort GapMs, ushort Bytes, bool Up, byte Device)[] traffic, bool smallQueue)
    {
        var options = new ShaperOptions { UpBytesPerSecond = 20_000, DownBytesPerSecond = 20_000, QueueBytes = smallQueue ? 3_000 : 4 << 20 };
        var (output, cost, input) = Shape(traffic, options, seed: 7);
        var real = output.Packets.Where(p => p.Role == PacketRole.Real).ToArray();
        var padding = cost.Devices.Sum(d => d.Overhead[(int)OverheadKind.Padding]);
        var dropped = cost.Devices.Sum(d => d.DroppedBytes);
        Assert.Equal(input.Sum(p => (long)p.Bytes) - dropped, real.Sum(p => (long)p.Bytes) - padding);
        Assert.Equal(input.Count - cost.Devices.Sum(d => d.Drops), real.Count(p => p.Last));
        Assert.All(real, p => Assert.True(p.TimeNs >= p.ArrivalNs));
        Assert.All(output.Packets, p => Assert.Equal(options.PacketBytes, p.Bytes));

        // Per device and direction, packets leave in the order they came (a FIFO), so their bytes are never reordered.
        foreach (var g in real.Where(p => p.Last).GroupBy(p => (p.Device, p.Up)))
        {
            var arrivals = g.Select(p => p.ArrivalNs).ToArray();
            Assert.Equal(arrivals.Order(), arrivals);
        }
    }

    [Property(MaxTest = 100)]
    public void Send_times_do_not_depend_on_the_traffic((ushort GapMs, ushort Bytes, bool Up, byte Device)[] a, (ushort GapMs, ushort Bytes, bool Up, byte Device)[] b, bool vit)
    {
        var options = new ShaperOptions { UpBytesPerSecond = 50_000, DownBytesPerSecond = 50_000, Spread = vit ? 0.5 : 0 };

        // Both runs end at the same time, past either's traffic; slots up to then must be the same.
        var end = 1_000_000_000L + (Math.Max(a.Sum(x => (long)x.GapMs), b.Sum(x => (long)x.GapMs)) * 1_000_000L) + 1;
        var (outA, _, _) = Shape(a, options, seed: 3, end);
        var (outB, _, _) = Shape(b, options, seed: 3, end);
        var timesA = outA.Packets.Where(p => p.TimeNs <= end).Select(p => (p.TimeNs, p.Up)).ToArray();
        var timesB = outB.Packets.Where(p => p.TimeNs <= end).Select(p => (p.TimeNs, p.Up)).ToArray();
        Assert.Equal(timesA, timesB);
    }

    [Fact]
    public void Constant_rate_holds_the_rate_and_vit_varies_it_around_the_same_mean()
    {
        var idle = Array.Empty<(ushort, ushort, bool, byte)>();
        var end = 1_000_000_000L + 600_000_000_000L;
        foreach (var spread in new[] { 0.0, 0.5 })
        {
            var (output, _, _) = Shape(idle, new ShaperOptions { UpBytesPerSecond = 10_240, DownBytesPerSecond = 10_240, Spread = spread }, seed: 1, end);
            var up = output.Packets.Where(p => p.Up).ToArray();
            var rate = up.Sum(p => (double)p.Bytes) / 600;
            Assert.InRange(rate, 10_240 * (spread == 0 ? 0.98 : 0.9), 10_240 * (spread == 0 ? 1.02 : 1.1));
            Assert.All(up, p => Assert.Equal(PacketRole.Cover, p.Role));
            var gaps = up.Zip(up.Skip(1), (x, y) => (y.TimeNs - x.TimeNs) / 1e9).ToArray();
            var cv = Math.Sqrt(gaps.Select(g => (g - gaps.Average()) * (g - gaps.Average())).Average()) / gaps.Average();
            Assert.True(spread == 0 ? cv < 0.02 : cv > 0.1, $"spread {spread}: coefficient of variation {cv:F3}");
        }
    }

    /// <summary>The packet-by-packet delay model the rate search uses gives the stage's delays exactly (jitter 0, no drops).</summary>
    [Property(MaxTest = 200)]
    public void The_delay_model_equals_the_stage_without_jitter((ushort GapMs, ushort Bytes, bool Up, byte Device)[] traffic, bool slow)
    {
        var options = new ShaperOptions { UpBytesPerSecond = slow ? 3_000 : 40_000, DownBytesPerSecond = slow ? 5_000 : 25_000, Jitter = 0 };
        var (output, cost, input) = Shape(traffic, options, seed: 5);
        foreach (var up in new[] { true, false })
        {
            var packets = input.Where(p => p.Up == up).Select(p => (p.TimeNs, p.Bytes, p.Device)).ToArray();
            var model = ShaperDelayModel.Run(packets, 4, 1_000_000_000, options.BytesPerSecond(up), options.PacketBytes, long.MaxValue);
            var leaving = output.Packets.Where(p => p.Role == PacketRole.Real && p.Last && p.Up == up).ToArray();
            for (var d = 0; d < 4; d++)
            {
                var delays = leaving.Where(p => p.Device == d).Select(p => (p.TimeNs - p.ArrivalNs) / 1e9).ToArray();
                Assert.Equal(delays.DefaultIfEmpty(0).Max(), model.Max[d], 9);
                Assert.Equal(delays.Length == 0 ? 0 : delays.Average(), model.Mean[d], 9);
            }
        }

        Assert.Equal(0, cost.Devices.Sum(d => d.Drops));
    }

    /// <summary>Issue 16: the rate search's packets held in chunks give exactly the figures of one array, wherever the chunks are cut.</summary>
    [Property(MaxTest = 200)]
    public void The_delay_model_over_chunks_equals_it_over_one_array((ushort GapMs, ushort Bytes, byte Device)[] traffic, byte[] cuts, bool slow, bool small)
    {
        var t = 1_000_000_000L;
        var packets = traffic.Select(p => (TimeNs: t += p.GapMs * 1_000_000L, Bytes: 60 + (p.Bytes % 1500), Device: p.Device % 3)).ToArray();
        var chunks = new List<ArraySegment<(long TimeNs, int Bytes, int Device)>>();
        var at = 0;
        foreach (var c in cuts)
        {
            var n = Math.Min(c % 9, packets.Length - at);
            chunks.Add(new ArraySegment<(long TimeNs, int Bytes, int Device)>(packets, at, n));
            at += n;
        }

        chunks.Add(new ArraySegment<(long TimeNs, int Bytes, int Device)>(packets, at, packets.Length - at));
        var queue = small ? 3_000L : 4L << 20;
        var one = ShaperDelayModel.Run(packets, 3, 1_000_000_000, slow ? 2_000 : 50_000, 512, queue);
        var many = ShaperDelayModel.Run(chunks, 3, 1_000_000_000, slow ? 2_000 : 50_000, 512, queue);
        Assert.Equal(one.Mean, many.Mean);
        Assert.Equal(one.Max, many.Max);
        Assert.Equal(one.Drops, many.Drops);
    }
}
