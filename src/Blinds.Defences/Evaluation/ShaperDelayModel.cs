using System.Runtime.InteropServices;

namespace Blinds.Defences.Evaluation;

/// <summary>Per-packet delays one direction of traffic would see through a constant-rate shaper, per device.</summary>
/// <param name="Mean">Mean delay per device, seconds.</param>
/// <param name="Max">Largest delay per device, seconds.</param>
/// <param name="Drops">Packets dropped per device (queue full).</param>
public sealed record DelayOutcome(double[] Mean, double[] Max, long[] Drops);

/// <summary>
/// The delays of <see cref="Stages.ShaperStage"/>'s FIFO without jitter, computed packet by packet instead of slot by
/// slot: a search over rates (paper 002 Fig. 9) needs thousands of runs, and at a megabyte per second a day of
/// 512-byte slots is 170 million of them. Slots fall at start + n·T (T = size / rate); a packet waits for the
/// first free slot after its arrival and leaves in its last fragment's slot. A property test checks that this
/// equals the stage with jitter 0 (the queue limit counts whole packets here, fragments there).
/// </summary>
public static class ShaperDelayModel
{
    /// <summary>Delays of <paramref name="packets"/> (time order) through a shaper started at <paramref name="startNs"/>.</summary>
    public static DelayOutcome Run(IReadOnlyList<(long TimeNs, int Bytes, int Device)> packets, int devices, long startNs, double bytesPerSecond, int slotBytes, long queueBytes)
    {
        ArgumentNullException.ThrowIfNull(packets);

        // The search calls this thousands of times on millions of packets: a span, not the list's interface enumerator.
        return Run(packets switch
        {
            (long TimeNs, int Bytes, int Device)[] array => array,
            List<(long TimeNs, int Bytes, int Device)> list => CollectionsMarshal.AsSpan(list),
            _ => packets.ToArray(),
        }, devices, startNs, bytesPerSecond, slotBytes, queueBytes);
    }

    private static DelayOutcome Run(ReadOnlySpan<(long TimeNs, int Bytes, int Device)> packets, int devices, long startNs, double bytesPerSecond, int slotBytes, long queueBytes)
    {
        var model = new Fifo(devices, bytesPerSecond, slotBytes, queueBytes, startNs);
        model.Feed(packets);
        return model.Outcome();
    }

    /// <summary>As <see cref="Run(IReadOnlyList{ValueTuple{long, int, int}}, int, long, double, int, long)"/> over packets held in chunks, one after another in time order.</summary>
    internal static DelayOutcome Run(IReadOnlyList<ArraySegment<(long TimeNs, int Bytes, int Device)>> chunks, int devices, long startNs, double bytesPerSecond, int slotBytes, long queueBytes, int only = -1)
    {
        // only >= 0: that device's packets alone, as device 0 of 1 (the others are skipped, as if copied out).
        var model = new Fifo(only >= 0 ? 1 : devices, bytesPerSecond, slotBytes, queueBytes, startNs);
        foreach (var chunk in chunks)
        {
            if (only >= 0)
            {
                model.FeedOnly(chunk, only);
            }
            else
            {
                model.Feed(chunk);
            }
        }

        return model.Outcome();
    }

    // The FIFO's state, fed packets in time order (one span or several chunks give the same figures).
    private sealed class Fifo(int devices, double bytesPerSecond, int slotBytes, long queueBytes, long startNs)
    {
        private readonly double[] sum = new double[devices];
        private readonly long[] count = new long[devices];
        private readonly double[] max = new double[devices];
        private readonly long[] drops = new long[devices];

        // The stage's interval with jitter 0, truncated to whole ns as it is there, so that slot times agree exactly.
        private readonly double interval = Math.Max(1, (long)(slotBytes / bytesPerSecond * 1e9));

        // The queue as (departure of each queued packet's last fragment, bytes): a FIFO of what is still waiting.
        private readonly Queue<(double Leaves, int Bytes)> waiting = new();
        private long queued;
        private double lastSlot = double.NaN; // index of the last slot taken, as a double slot number

        public DelayOutcome Outcome() => new(sum.Select((s, i) => count[i] == 0 ? 0 : s / count[i]).ToArray(), max, drops);

        public void Feed(ReadOnlySpan<(long TimeNs, int Bytes, int Device)> packets)
        {
            foreach (var (t, bytes, device) in packets)
            {
                Take(t, bytes, device);
            }
        }

        // One device's packets out of all, as device 0.
        public void FeedOnly(ReadOnlySpan<(long TimeNs, int Bytes, int Device)> packets, int only)
        {
            foreach (var (t, bytes, device) in packets)
            {
                if (device == only)
                {
                    Take(t, bytes, 0);
                }
            }
        }

        private void Take(long t, int bytes, int device)
        {
            while (waiting.Count > 0 && waiting.Peek().Leaves <= t)
            {
                queued -= waiting.Dequeue().Bytes;
            }

            if (queued + bytes > queueBytes)
            {
                drops[device]++;
                return;
            }

            // The first slot this packet can take: after the last slot taken and after it arrived (a slot at the
            // very instant of arrival has already gone: the stage sends what is due before taking a packet).
            var arrivalSlot = Math.Floor((t - startNs) / interval) + 1;
            var first = double.IsNaN(lastSlot) ? arrivalSlot : Math.Max(arrivalSlot, lastSlot + 1);
            var slots = (bytes + slotBytes - 1) / slotBytes;
            lastSlot = first + slots - 1;
            var leaves = startNs + (lastSlot * interval);
            waiting.Enqueue((leaves, bytes));
            queued += bytes;
            var delay = Math.Max(0, (leaves - t) / 1e9);
            sum[device] += delay;
            count[device]++;
            max[device] = Math.Max(max[device], delay);
        }
    }
}
