using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>
/// The shaper's interval table (a constant rate: each slot reads its interval by the level of its normal draw) must
/// send every slot, real and cover, at the very time, size and address that computing each interval gives.
/// </summary>
public class ShaperTableProperties
{
    private static readonly IpAddress Remote = IpAddress.FromV4(0x0808_0808);
    private static readonly IpAddress Cover = IpAddress.FromV4(0xcb00_71fe);

    [Property(MaxTest = 150)]
    public void Tabled_intervals_send_what_computed_intervals_send((ushort GapMs, ushort Bytes, bool Up, byte Device)[] traffic, ushort upRate, ushort downRate, byte jitter, int seed, bool hours, bool someDevices)
    {
        var options = new ShaperOptions
        {
            UpBytesPerSecond = 200 + (upRate % 20_000),
            DownBytesPerSecond = 200 + (downRate % 20_000),
            Jitter = jitter % 40 / 100.0, // 0 to 39%: wide jitter draws intervals near the 1 ns floor too
        };
        var scope = new Scope
        {
            Devices = someDevices ? new HashSet<int> { 0, 2 } : null,
            Windows = hours ? [(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40))] : [],
        };

        var (tabled, tabledCost) = Shape(traffic, options, scope, seed, tabled: true);
        var (computed, computedCost) = Shape(traffic, options, scope, seed, tabled: false);
        Assert.Equal(computed.Packets, tabled.Packets);
        Assert.Equal(computed.FinishedAt, tabled.FinishedAt);
        Assert.Equal(computedCost.Home.Overhead, tabledCost.Home.Overhead);
        for (var d = 0; d < 4; d++)
        {
            Assert.Equal(computedCost.Of(d).Overhead, tabledCost.Of(d).Overhead);
            Assert.Equal(computedCost.Of(d).Drops, tabledCost.Of(d).Drops);
        }

        Assert.Equal(computedCost.MaxQueueBytes, tabledCost.MaxQueueBytes);
    }

    [Fact]
    public void The_table_is_used_at_a_constant_rate_only()
    {
        // VIT varies the rate every period: its intervals are computed, and still equal a run of its own.
        var vit = new ShaperOptions { UpBytesPerSecond = 5_000, DownBytesPerSecond = 2_000, Spread = 0.5 };
        (ushort, ushort, bool, byte)[] traffic = [(10, 900, true, 0), (500, 1400, false, 1), (2000, 100, true, 2)];
        var (a, _) = Shape(traffic, vit, Scope.All, 7, tabled: true);
        var (b, _) = Shape(traffic, vit, Scope.All, 7, tabled: false);
        Assert.Equal(b.Packets, a.Packets);
        Assert.True(a.Packets.Count > 50, $"{a.Packets.Count} slots");
    }

    private static (WireRecorder Out, CostMeter Cost) Shape((ushort GapMs, ushort Bytes, bool Up, byte Device)[] traffic, ShaperOptions options, Scope scope, int seed, bool tabled)
    {
        var cost = new CostMeter(4);
        var shaper = new ShaperStage(options, scope, cost, Cover, seed, tabled);
        var recorder = new WireRecorder();
        shaper.Next = recorder;
        long t = 1_000_000_000;
        shaper.AdvanceTo(t);
        foreach (var (gap, bytes, up, device) in traffic ?? [])
        {
            t += gap % 2_000 * 1_000_000L;
            var p = new WirePacket(t, 60 + (bytes % 1_455), up, Remote, device % 4, PacketRole.Real, t);
            cost.Real(p.Device, p.Up, p.Bytes);
            shaper.AdvanceTo(t);
            shaper.Push(p);
        }

        shaper.Finish(t + 5_000_000_000L);
        return (recorder, cost);
    }
}
