using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Stages;

/// <summary>
/// Independent link padding (paper 002 §7, Fig. 7 and 8): each direction sends one fixed-size slot per interval,
/// whatever the traffic, at that direction's own rate: the next fragment of the oldest waiting packet (padded to the slot size), else a cover
/// slot. Send times come only from the seeded schedule, never from the traffic; real bytes are only delayed or,
/// past the queue limit, dropped (both counted). Out of scope (devices, hours), packets pass untouched and, when
/// the schedule is off, no cover is sent.
/// </summary>
public sealed class ShaperStage : DefenceStage
{
    private readonly ShaperOptions options;
    private readonly Scope scope;
    private readonly CostMeter cost;
    private readonly IpAddress coverAddress;
    private readonly Direction up;
    private readonly Direction down;

    // No hours to keep to: every slot is on, and the idle loop need not ask.
    private readonly bool alwaysOn;

    /// <summary>Creates a shaper; <paramref name="coverAddress"/> is where cover goes when no tunnel hides it.</summary>
    public ShaperStage(ShaperOptions options, Scope scope, CostMeter cost, IpAddress coverAddress, int seed)
        : this(options, scope, cost, coverAddress, seed, tabled: true)
    {
    }

    /// <summary>
    /// As the public constructor; <paramref name="tabled"/> false computes every slot's interval from its normal
    /// draw instead of reading it from the direction's table (tests: the table must give the very same times).
    /// </summary>
    internal ShaperStage(ShaperOptions options, Scope scope, CostMeter cost, IpAddress coverAddress, int seed, bool tabled)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.UpBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.DownBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PacketBytes, 64);
        this.options = options;
        this.scope = scope;
        this.cost = cost;
        this.coverAddress = coverAddress;
        up = new Direction(true, new SlotRandom(seed));
        down = new Direction(false, new SlotRandom(seed ^ 0x5bd1e995));
        alwaysOn = scope.Windows.Count == 0;

        // A constant rate (no VIT spread): a slot's interval is a function of its normal draw's level alone, so the
        // 4,096 possible intervals are computed once, by the very expression Interval uses, and each slot reads one.
        if (tabled && !(options.Spread > 0))
        {
            up.Intervals = Intervals(options.UpBytesPerSecond);
            down.Intervals = Intervals(options.DownBytesPerSecond);
        }
    }

    /// <inheritdoc/>
    public override void Push(in WirePacket packet)
    {
        if (!scope.Covers(packet.Device, packet.TimeNs))
        {
            Next.Push(packet);
            return;
        }

        var d = packet.Up ? up : down;
        if (d.QueuedBytes + packet.Bytes > options.QueueBytes)
        {
            cost.Drop(packet.Device, packet.Bytes);
            return;
        }

        if (d.Queue.Count == 0)
        {
            d.HeadRemaining = packet.Bytes;
        }

        d.Queue.Enqueue(packet);
        d.QueuedBytes += packet.Bytes;
        cost.Queue(up.QueuedBytes + down.QueuedBytes, up.Queue.Count + down.Queue.Count);
    }

    /// <inheritdoc/>
    public override void AdvanceTo(long timeNs)
    {
        Run(up, timeNs, drain: false);
        Run(down, timeNs, drain: false);
        Next.AdvanceTo(timeNs);
    }

    /// <inheritdoc/>
    public override void Finish(long endNs)
    {
        // Slots (cover included) up to the end, then the waiting real packets at the shaped rate, in time order.
        Run(up, endNs, drain: false);
        Run(down, endNs, drain: false);
        while (up.Queue.Count + down.Queue.Count > 0)
        {
            var d = down.Queue.Count == 0 || (up.Queue.Count > 0 && up.NextSlot <= down.NextSlot) ? up : down;
            Run(d, d.NextSlot, drain: true);
        }

        Next.Finish(Math.Max(endNs, Math.Max(up.NextSlot, down.NextSlot)));
    }

    private void Run(Direction d, long untilNs, bool drain)
    {
        if (d.NextSlot == long.MinValue)
        {
            d.NextSlot = untilNs;
            d.RateUntil = untilNs;
        }

        while (d.NextSlot <= untilNs)
        {
            var t = d.NextSlot;
            if (d.Queue.Count > 0)
            {
                var p = d.Queue.Peek();
                var chunk = Math.Min(options.PacketBytes - options.HeaderBytes, d.HeadRemaining);
                d.HeadRemaining -= chunk;
                d.QueuedBytes -= chunk;
                var last = d.HeadRemaining == 0;
                if (options.PacketBytes > chunk)
                {
                    cost.Overhead(p.Device, OverheadKind.Padding, d.Up, options.PacketBytes - chunk);
                }

                Next.Push(p with { TimeNs = t, Bytes = options.PacketBytes, Last = last && p.Last });
                if (last)
                {
                    d.Queue.Dequeue();
                    d.HeadRemaining = d.Queue.Count > 0 ? d.Queue.Peek().Bytes : 0;
                }
            }
            else if (!drain && scope.IsOn(t))
            {
                Idle(d, untilNs);
                continue;
            }
            else if (drain)
            {
                return;
            }

            d.NextSlot = t + Interval(d, t);
        }
    }

    // Cover slots while the queue is empty: nothing can join it before untilNs, so the slots up to then are all
    // cover, and they go on in runs (their times drawn one by one, exactly as for real slots).
    private void Idle(Direction d, long untilNs)
    {
        var times = d.Slots;
        var n = 0;
        if (alwaysOn && d.Intervals is { } table)
        {
            // The hot loop of a padding simulation (hundreds of millions of cover slots in a long capture): one draw
            // and one table read a slot, no call.
            var random = d.Random;
            var next = d.NextSlot;
            while (next <= untilNs)
            {
                times[n++] = next;
                next += table[random.NextLevel()];
                if (n == times.Length)
                {
                    d.NextSlot = next;
                    Cover(d, times);
                    n = 0;
                }
            }

            d.NextSlot = next;
            if (n > 0)
            {
                Cover(d, times.AsSpan(0, n));
            }

            return;
        }

        while (d.NextSlot <= untilNs && scope.IsOn(d.NextSlot))
        {
            var t = d.NextSlot;
            times[n++] = t;
            d.NextSlot = t + Interval(d, t);
            if (n == times.Length)
            {
                Cover(d, times);
                n = 0;
            }
        }

        if (n > 0)
        {
            Cover(d, times.AsSpan(0, n));
        }
    }

    private void Cover(Direction d, ReadOnlySpan<long> times)
    {
        cost.Overhead(-1, OverheadKind.Cover, d.Up, (long)options.PacketBytes * times.Length);
        Next.PushCover(new WirePacket(times[0], options.PacketBytes, d.Up, coverAddress, -1, PacketRole.Cover, times[0]), times);
    }

    private long Interval(Direction d, long now)
    {
        if (d.Intervals is { } table)
        {
            return table[d.Random.NextLevel()];
        }

        if (options.Spread > 0 && now >= d.RateUntil)
        {
            var factor = 1 + (options.Spread * ((2 * d.Random.NextDouble()) - 1));
            d.Rate = options.BytesPerSecond(d.Up) * factor;
            d.RateUntil = now + (long)options.Period.TotalNanoseconds;
        }

        var rate = options.Spread > 0 ? d.Rate : options.BytesPerSecond(d.Up);
        var mean = options.PacketBytes / rate * 1e9;
        var interval = mean * (1 + (options.Jitter * d.Random.NextGaussian()));
        return Math.Max(1, (long)interval);
    }

    // Every interval a slot can draw at a constant rate, by level: exactly what Interval computes from that level.
    private long[] Intervals(double rate)
    {
        var mean = options.PacketBytes / rate * 1e9;
        var table = new long[SlotRandom.Levels];
        for (var i = 0; i < table.Length; i++)
        {
            var interval = mean * (1 + (options.Jitter * SlotRandom.Level(i)));
            table[i] = Math.Max(1, (long)interval);
        }

        return table;
    }

    private sealed class Direction(bool isUp, SlotRandom random)
    {
        public bool Up { get; } = isUp;

        public SlotRandom Random { get; } = random;

        public Queue<WirePacket> Queue { get; } = new();

        /// <summary>Send times of the cover run being gathered (reused: no allocation per run).</summary>
        public long[] Slots { get; } = new long[4096];

        /// <summary>Each level's interval at this direction's constant rate; null when the rate varies (VIT).</summary>
        public long[]? Intervals { get; set; }

        public long QueuedBytes { get; set; }

        public long NextSlot { get; set; } = long.MinValue;

        public double Rate { get; set; }

        public long RateUntil { get; set; }

        /// <summary>Bytes of the oldest waiting packet not yet sent in a slot.</summary>
        public int HeadRemaining { get; set; }
    }
}
