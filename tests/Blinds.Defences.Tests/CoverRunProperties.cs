using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>Cover in runs (the shaper's fast path) must give the observer and the cost meter exactly what cover slot by slot gives.</summary>
public class CoverRunProperties
{
    private static readonly IpAddress Cover = IpAddress.FromV4(0xcb00_71fe);
    private static readonly IpAddress Endpoint = IpAddress.FromV4(0xc633_6402);
    private static readonly MacAddress[] Devices = [MacAddress.Parse("02:00:00:00:00:01"), MacAddress.Parse("02:00:00:00:00:02")];

    /// <summary>Passes every call on packet by packet: the reference the runs must equal.</summary>
    private sealed class OneByOne : DefenceStage
    {
        public override void Push(in WirePacket packet) => Next.Push(packet);
    }

    [Property(MaxTest = 200)]
    public void Runs_of_cover_equal_cover_slot_by_slot(ushort[] gapsMs, ushort size, bool up, bool tunnel, bool[] realBetween)
    {
        var bytes = 64 + (size % 1_600); // some above the tunnel's MTU, so split into fragments
        var times = new List<long>();
        long t = 5_000_000_000;
        foreach (var g in gapsMs)
        {
            t += g * 1_000_000L;
            times.Add(t);
        }

        (CostMeter Cost, ObservedTraffic Seen) Run(bool runs)
        {
            var cost = new CostMeter(Devices.Length);
            var seen = new ObservedTraffic(0, 1_000_000_000L, cost, Devices, separateDevices: !tunnel);
            IWireSink head = seen;
            if (tunnel)
            {
                head = new TunnelStage(TunnelProtocol.WireGuard, Endpoint, cost) { Next = head };
            }

            if (!runs)
            {
                head = new OneByOne { Next = head };
            }

            // Cover in three runs with a real packet between some of them, as the shaper sends it.
            var cover = new WirePacket(0, bytes, up, Cover, -1, PacketRole.Cover, 0);
            var third = times.Count / 3;
            var cuts = new[] { 0, third, 2 * third, times.Count };
            for (var i = 0; i < 3; i++)
            {
                var run = times.GetRange(cuts[i], cuts[i + 1] - cuts[i]).ToArray();
                if (run.Length > 0)
                {
                    head.PushCover(cover, run);
                    if (realBetween.Length > i && realBetween[i])
                    {
                        head.Push(new WirePacket(run[^1], 200, !up, IpAddress.FromV4(0x0808_0808), 1, PacketRole.Real, run[^1] - 1000));
                    }
                }
            }

            head.Finish(t);
            return (cost, seen);
        }

        var (costRuns, seenRuns) = Run(runs: true);
        var (costOne, seenOne) = Run(runs: false);
        Assert.Equal(costOne.ObservedUp, costRuns.ObservedUp);
        Assert.Equal(costOne.ObservedDown, costRuns.ObservedDown);
        Assert.Equal(costOne.Home.Overhead, costRuns.Home.Overhead);
        Assert.Equal(costOne.Home.OverheadUp, costRuns.Home.OverheadUp);
        Assert.Equal(costOne.Home.OverheadDown, costRuns.Home.OverheadDown);
        var one = seenOne.View(_ => null, []).Entities;
        var many = seenRuns.View(_ => null, []).Entities;
        Assert.Equal(one.Select(e => e.Id), many.Select(e => e.Id));
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].Rates!.Bins.ToArray(), many[i].Rates!.Bins.ToArray());
        }
    }
}
