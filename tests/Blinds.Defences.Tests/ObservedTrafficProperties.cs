using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>
/// What the observer sees holds the bins not yet final in a window and writes them in bin order: the bins must be
/// the very ones a series fed every packet holds, for any order (late packets included, promised or not), and the
/// device with the most real bytes and the contributors must be those of the packets.
/// </summary>
public class ObservedTrafficProperties
{
    private static readonly MacAddress[] Devices = [MacAddress.Parse("02:00:00:00:00:01"), MacAddress.Parse("02:00:00:00:00:02"), MacAddress.Parse("02:00:00:00:00:03")];

    [Property(MaxTest = 300)]
    public void The_view_holds_the_bins_one_series_would((short StepMs, ushort Bytes, bool Up, byte Remote, sbyte Device, bool Cover, byte Run)[] packets, bool tunnel)
    {
        var cost = new CostMeter(Devices.Length);
        var seen = new ObservedTraffic(0, 1_000_000_000L, cost, Devices, separateDevices: !tunnel);
        var reference = new Dictionary<(IpAddress, int), (RateSeries Rates, long[] Real)>();
        long t = 2_000_000_000;
        foreach (var (step, size, up, r, d, cover, run) in packets ?? [])
        {
            t = Math.Max(0, t + (step * 1_000_000L)); // steps back too: late bins
            var remote = IpAddress.FromV4(0x0a00_0000u + (uint)(r % 3));
            var device = cover ? -1 : Math.Abs(d % Devices.Length);
            var key = (remote, tunnel ? -1 : device);
            if (!reference.TryGetValue(key, out var mine))
            {
                mine = (new RateSeries(0, 1_000_000_000L), new long[Devices.Length]);
                reference[key] = mine;
            }

            var bytes = 1 + (size % 1_600);
            if (run % 3 == 0)
            {
                // Nothing earlier will come, says the pipeline: bins before are written (a later step back breaks
                // the promise, and must still give the same bins).
                seen.AdvanceTo(t);
            }

            if (cover)
            {
                var times = Enumerable.Range(0, 1 + (run % 5)).Select(i => t + (i * 300_000_000L)).ToArray();
                seen.PushCover(new WirePacket(t, bytes, up, remote, -1, PacketRole.Cover, t), times);
                foreach (var x in times)
                {
                    mine.Rates.Add(x, bytes, up);
                }
            }
            else
            {
                seen.Push(new WirePacket(t, bytes, up, remote, device, PacketRole.Real, t));
                mine.Rates.Add(t, bytes, up);
                mine.Real[device] += bytes;
            }
        }

        // Named as the view names them: a remote address, with the device's number where devices share it.
        var shared = reference.Keys.GroupBy(k => k.Item1).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var byId = reference.ToDictionary(kv => shared.Contains(kv.Key.Item1) ? $"{kv.Key.Item1} #{kv.Key.Item2 + 1}" : kv.Key.Item1.ToString(), kv => kv.Value);
        var view = seen.View(_ => null, []).Entities;
        Assert.Equal(reference.Count, view.Count);
        foreach (var e in view)
        {
            var (rates, real) = byId[e.Id];
            rates.Compact();
            Assert.Equal(rates.Bins.ToArray(), e.Rates!.Bins.ToArray());
            Assert.Equal(rates.Count, e.Rates.Count);
            var inside = Enumerable.Range(0, Devices.Length).Where(i => real[i] > 0).ToArray();
            Assert.Equal(inside.Select(i => Devices[i]).ToHashSet(), e.Contributors);
            var dominant = inside.Length == 0 ? default : Devices[inside.OrderByDescending(i => real[i]).ThenBy(i => i).First()];
            Assert.Equal(dominant, e.Device);
        }
    }
}
