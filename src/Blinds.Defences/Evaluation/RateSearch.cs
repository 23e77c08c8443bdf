using Blinds.Attacks.Kinds;
using Blinds.Defences.Costs;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Records;

namespace Blinds.Defences.Evaluation;

/// <summary>The lowest shaped rate one device (or the whole home) works with, each way.</summary>
/// <param name="Mac">The device; null for the whole home.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Tolerance">The delay it works with; null for the whole home, where each device keeps its own.</param>
/// <param name="Up">Lowest upload rate, bytes/s; null when even the highest tried breaks it.</param>
/// <param name="Down">Lowest download rate.</param>
/// <param name="UpMean">Mean upload delay at that rate, seconds.</param>
/// <param name="UpMax">Worst upload delay at that rate, seconds.</param>
/// <param name="RealUp">The device's own mean upload rate, bytes/s: the shaped rate less this is cover.</param>
/// <param name="RealDown">Its mean download rate.</param>
public sealed record RateNeed(MacAddress? Mac, DeviceKind Kind, Tolerance? Tolerance, double? Up, double? Down, double UpMean, double UpMax, double RealUp, double RealDown);

/// <summary>
/// Paper 002 §7.3 (Fig. 9) by search: per device, the lowest constant rate at which its added delay stays within its
/// kind's tolerance with no drop, each direction, shaping it alone; then the lowest rate for all devices shaped
/// together, each within its own tolerance. Delays come from <see cref="ShaperDelayModel"/>; the search bisects
/// the rate on a log scale (the delay falls as the rate rises) to within 2%.
/// Memory: 16 bytes per internet packet of the capture, held for the search (refused beyond 50 million).
/// </summary>
public static class RateSearch
{
    /// <summary>Most packets the search holds.</summary>
    public const int MaxPackets = 50_000_000;

    private const double Lowest = 50, Highest = 20e6;

    /// <summary>Per device, then the whole home (Mac null) last. Refuses captures with more than <see cref="MaxPackets"/> internet packets.</summary>
    /// <param name="paths">The captures.</param>
    /// <param name="original">Their trace.</param>
    /// <param name="kinds">Device kinds, for their tolerances.</param>
    /// <param name="tolerances">Tolerances by kind.</param>
    /// <param name="slotBytes">Slot size.</param>
    /// <param name="queueBytes">Queue cap per direction.</param>
    /// <param name="homeAddresses">For captures outside the NAT.</param>
    /// <param name="only">Shape only these devices (the others pass unshaped); null for all.</param>
    public static IReadOnlyList<RateNeed> Run(IReadOnlyList<string> paths, Trace original, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, LatencyTolerance tolerances, int slotBytes = 512, long queueBytes = 4 << 20, IReadOnlySet<IpAddress>? homeAddresses = null, IReadOnlySet<MacAddress>? only = null)
    {
        var result = Search(paths, original, kinds, tolerances, new RateSearchOptions { SlotBytes = slotBytes, QueueBytes = queueBytes, HomeAddresses = homeAddresses, Only = only });
        return result.CutAtNs is null
            ? result.Needs
            : throw new InvalidOperationException($"the rate search holds at most {MaxPackets:N0} packets; cut the capture (editcap -A/-B) and search a part");
    }

    /// <summary>
    /// As <see cref="Run"/>, but past <see cref="RateSearchOptions.MaxPackets"/> the search keeps to the capture's
    /// first part (from its start to <see cref="RateSearchResult.CutAtNs"/>) instead of refusing: memory stays bounded
    /// on captures of any length, and the caller says what was searched.
    /// </summary>
    public static RateSearchResult Search(IReadOnlyList<string> paths, Trace original, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, LatencyTolerance tolerances, RateSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(tolerances);
        ArgumentNullException.ThrowIfNull(options);
        var (slotBytes, queueBytes, only) = (options.SlotBytes, options.QueueBytes, options.Only);
        var devices = original.HomeDevices.Select(d => d.Mac).Where(m => only is null || only.Contains(m)).ToArray();
        var collector = new Collector(devices, options.MaxPackets);
        PacketLog.ReplayOrRead(options.Packets, paths, new TraceOptions { HomeAddresses = options.HomeAddresses }, collector, options.Progress);
        var start = original.FirstNs ?? 0;
        var seconds = Math.Max(1, ((collector.CutAtNs ?? original.LastNs ?? 0) - start) / 1e9);
        var tol = devices.Select(m => tolerances.For(kinds.GetValueOrDefault(m))).ToArray();
        var result = new List<RateNeed>();

        (double? Rate, DelayOutcome? At) Find(IReadOnlyList<ArraySegment<(long TimeNs, int Bytes, int Device)>> packets, long count, int deviceCount, int only, Func<DelayOutcome, bool> ok)
        {
            if (count == 0)
            {
                return (null, null);
            }

            DelayOutcome Try(double rate) => ShaperDelayModel.Run(packets, deviceCount, start, rate, slotBytes, queueBytes, only);
            if (!ok(Try(Highest)))
            {
                return (null, null);
            }

            double lo = Lowest, hi = Highest;
            if (ok(Try(lo)))
            {
                return (lo, Try(lo));
            }

            while (hi / lo > 1.02)
            {
                var mid = Math.Sqrt(lo * hi);
                if (ok(Try(mid)))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return (hi, Try(hi));
        }

        // Each device alone is searched on its own packets, read in place out of the chunks as device 0 of 1: a
        // copy per device (16 bytes a packet, two devices at once on two cores) was as large again as the chunks
        // on long captures, the audit's peak memory. The searches are independent (each device and direction its
        // own packets and bisection), so they run on several cores, each result in its device's place: the same
        // needs, in the same order, as one by one.
        var needs = new RateNeed[devices.Length];
        var (ups, downs) = (collector.Up.Segments, collector.Down.Segments);
        Parallelism.For(devices.Length, i =>
        {
            bool Ok(DelayOutcome o) => o.Drops[0] == 0 && o.Mean[0] <= tol[i].MeanSeconds && o.Max[0] <= tol[i].MaxSeconds;
            var (up, atUp) = Find(ups, collector.CountUp[i], 1, i, Ok);
            var (down, _) = Find(downs, collector.CountDown[i], 1, i, Ok);
            needs[i] = new RateNeed(devices[i], kinds.GetValueOrDefault(devices[i]), tol[i], up, down, atUp?.Mean[0] ?? 0, atUp?.Max[0] ?? 0, collector.BytesUp[i] / seconds, collector.BytesDown[i] / seconds);
        });
        result.AddRange(needs);

        // The whole home's search reads the collected packets in place: a copy would double the memory.
        bool All(DelayOutcome o) => Enumerable.Range(0, devices.Length).All(i => o.Drops[i] == 0 && o.Mean[i] <= tol[i].MeanSeconds && o.Max[i] <= tol[i].MaxSeconds);
        var home = new (double? Rate, DelayOutcome? At)[2];
        Parallelism.For(2, i => home[i] = Find(i == 0 ? ups : downs, i == 0 ? collector.Up.Count : collector.Down.Count, devices.Length, -1, All));
        var ((homeUp, atHome), (homeDown, _)) = (home[0], home[1]);
        result.Add(new RateNeed(null, DeviceKind.Unknown, null, homeUp, homeDown, atHome?.Mean.Max() ?? 0, atHome?.Max.Max() ?? 0, collector.BytesUp.Sum() / seconds, collector.BytesDown.Sum() / seconds));
        return new RateSearchResult(result, collector.Up.Count + collector.Down.Count, collector.CutAtNs);
    }

    // The packets of one direction in time order, in chunks of 64 Ki: no list doubling (a copy of everything, and
    // the old array left for the collector) on the way to millions of packets.
    private sealed class PacketChunks
    {
        private const int ChunkSize = 1 << 16;
        private readonly List<(long TimeNs, int Bytes, int Device)[]> chunks = [];
        private int last = ChunkSize;

        public int Count { get; private set; }

        public IReadOnlyList<ArraySegment<(long TimeNs, int Bytes, int Device)>> Segments =>
            chunks.Select((c, i) => new ArraySegment<(long TimeNs, int Bytes, int Device)>(c, 0, i == chunks.Count - 1 ? last : ChunkSize)).ToArray();

        public void Add((long TimeNs, int Bytes, int Device) packet)
        {
            if (last == ChunkSize)
            {
                chunks.Add(new (long TimeNs, int Bytes, int Device)[ChunkSize]);
                last = 0;
            }

            chunks[^1][last++] = packet;
            Count++;
        }
    }

    private sealed class Collector(MacAddress[] devices, int maxPackets) : PacketSink
    {
        private readonly Dictionary<MacAddress, int> index = devices.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

        public PacketChunks Up { get; } = new();

        public PacketChunks Down { get; } = new();

        public long[] CountUp { get; } = new long[devices.Length];

        public long[] CountDown { get; } = new long[devices.Length];

        public long[] BytesUp { get; } = new long[devices.Length];

        public long[] BytesDown { get; } = new long[devices.Length];

        private long last = long.MinValue;

        /// <summary>When the budget filled: the search covers the capture up to here only.</summary>
        public long? CutAtNs { get; private set; }

        public override void OnPacket(in PacketRow row)
        {
            if (row.Direction is not (Direction.Up or Direction.Down) || !index.TryGetValue(row.Device, out var d))
            {
                return;
            }

            if (CutAtNs is not null)
            {
                return;
            }

            if (Up.Count + Down.Count >= maxPackets)
            {
                CutAtNs = last;
                return;
            }

            last = Math.Max(last, row.TimeNs); // a backward step is taken as simultaneous, as the simulator does
            (row.Direction == Direction.Up ? Up : Down).Add((last, row.WireLength, d));
            if (row.Direction == Direction.Up)
            {
                BytesUp[d] += row.WireLength;
                CountUp[d]++;
            }
            else
            {
                BytesDown[d] += row.WireLength;
                CountDown[d]++;
            }
        }
    }
}
