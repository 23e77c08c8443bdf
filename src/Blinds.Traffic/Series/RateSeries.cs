using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Blinds.Traffic.Series;

/// <summary>
/// Bytes and packets per time bin, up and down, from a fixed origin. Only non-empty bins are stored, in bin order,
/// and compactly: a home has hundreds of streams and most are silent most of the time, so dense arrays (86,400
/// one-second bins a day, per stream) would cost gigabytes for a week, and even one 32-byte record per bin that saw
/// traffic grew a 22-day audit past a gigabyte (issue 16). Each closed bin is written as a header byte (the step
/// from the previous bin's index, which values are zero) and its non-zero values (bytes up, bytes down, packets up,
/// packets down) as variable-length integers: 4 to 8 bytes for a typical second. The last bin stays open for the packets still arriving; a packet for an earlier bin (merged
/// files, reordered captures) goes to a small table of late bins, added to the written ones when read and merged
/// into them by <see cref="Compact"/>. Reading gives the very same bins, in the same order, as a plain array would.
/// </summary>
public sealed class RateSeries
{
    // A bin's record never spans two blocks: a header byte, 5 bytes of index step and 10 per value at most.
    private const int MaxRecord = 1 + 5 + (4 * 10);
    private const int BlockBytes = 1 << 16;

    // Late bins held before they are merged into the written ones. Two directions of a shaper fill one tunnel's
    // bins in turn (all the cover up to a time, then the other way's), so late bins come in runs near the end.
    private const int LateLimit = 1024;

    // Full blocks with the index written before each (its records' steps start there) and its first bin's index.
    private List<(byte[] Data, int Used, int Prev, int First)>? full;
    private byte[] head = [];
    private int headUsed;
    private int headPrev = -1;
    private int headFirst = int.MaxValue;
    private int lastWritten = -1;
    private RateBin open;
    private bool hasOpen;
    private Dictionary<int, RateBin>? late;
    private int firstIndex = int.MaxValue;

    /// <summary>Creates an empty series.</summary>
    public RateSeries(long originNs, long binNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binNs);
        OriginNs = originNs;
        BinNs = binNs;
    }

    /// <summary>Start of bin 0, ns since the epoch.</summary>
    public long OriginNs { get; }

    /// <summary>Bin width in ns.</summary>
    public long BinNs { get; }

    /// <summary>Number of bins up to the last one with traffic (or up to <see cref="ExtendTo"/>).</summary>
    public int Count { get; private set; }

    /// <summary>The non-empty bins, in bin order (decoded as they are enumerated).</summary>
    public RateBins Bins => new(this);

    /// <summary>Bytes the series holds in memory for its bins (what <see cref="Compact"/> keeps small).</summary>
    public long StoredBytes => (full?.Sum(b => (long)b.Data.Length) ?? 0) + head.Length + ((late?.Count ?? 0) * 48L);

    /// <summary>Bytes both ways over the whole series.</summary>
    public long TotalBytes
    {
        get
        {
            long s = 0;
            foreach (var b in Bins)
            {
                s += b.Bytes;
            }

            return s;
        }
    }

    /// <summary>Start of the first bin with traffic, or null for an empty series.</summary>
    public long? FirstActiveNs => firstIndex == int.MaxValue ? null : OriginNs + (firstIndex * BinNs);

    /// <summary>Adds one packet; packets before the origin are ignored (they cannot be binned).</summary>
    public void Add(long ts, int bytes, bool up)
    {
        if (ts < OriginNs)
        {
            return;
        }

        var bin = (ts - OriginNs) / BinNs;
        if (bin > int.MaxValue - 1)
        {
            return;
        }

        ref var b = ref Slot((int)bin);
        if (up)
        {
            b.BytesUp += bytes;
            b.PacketsUp++;
        }
        else
        {
            b.BytesDown += bytes;
            b.PacketsDown++;
        }
    }

    /// <summary>Adds packets of one size at <paramref name="times"/> (ascending): as <see cref="Add"/> for each, one bin update per bin.</summary>
    public void AddMany(ReadOnlySpan<long> times, int bytes, bool up)
    {
        for (var runs = new BinRuns(times, OriginNs, BinNs); runs.MoveNext();)
        {
            ref var b = ref Slot(runs.Bin);
            if (up)
            {
                b.BytesUp += (long)bytes * runs.Count;
                b.PacketsUp += runs.Count;
            }
            else
            {
                b.BytesDown += (long)bytes * runs.Count;
                b.PacketsDown += runs.Count;
            }
        }
    }

    /// <summary>Adds a whole bin's worth (a defence's output, a copy).</summary>
    public void AddBin(int index, long bytesUp, long bytesDown, int packetsUp, int packetsDown)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ref var b = ref Slot(index);
        b.BytesUp += bytesUp;
        b.BytesDown += bytesDown;
        b.PacketsUp += packetsUp;
        b.PacketsDown += packetsDown;
    }

    /// <summary>Extends the series with empty bins up to <paramref name="endNs"/> so that idle tails show as zeros.</summary>
    public void ExtendTo(long endNs)
    {
        if (endNs < OriginNs)
        {
            return;
        }

        var count = (int)Math.Min(((endNs - OriginNs) / BinNs) + 1, int.MaxValue - 1);
        Count = Math.Max(Count, count);
    }

    /// <summary>
    /// Merges the late bins into the written ones and gives back the room reserved for more: call when the series
    /// is complete (the trace builder does). Adding afterwards still works. Not safe while another thread reads.
    /// </summary>
    public void Compact()
    {
        if (late is { Count: > 0 })
        {
            MergeLate();
        }

        if (head.Length > headUsed)
        {
            Array.Resize(ref head, headUsed);
        }
    }

    /// <summary>
    /// True when <paramref name="other"/> holds the very same bins: same origin, bin width and count, and every
    /// non-empty bin equal (how they are stored does not matter).
    /// </summary>
    public bool SameBins(RateSeries other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (OriginNs != other.OriginNs || BinNs != other.BinNs || Count != other.Count || firstIndex != other.firstIndex)
        {
            return false;
        }

        var theirs = other.Bins.GetEnumerator();
        foreach (ref readonly var b in Bins)
        {
            if (!theirs.MoveNext() || theirs.Current != b)
            {
                return false;
            }
        }

        return !theirs.MoveNext();
    }

    /// <summary>Bytes both ways summed into samples of <paramref name="binsPerSample"/> bins, every sample of the series.</summary>
    public long[] SampleBytes(int binsPerSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binsPerSample, 1);
        var totals = new long[(Count + binsPerSample - 1) / binsPerSample];
        foreach (var b in Bins)
        {
            totals[b.Index / binsPerSample] += b.Bytes;
        }

        return totals;
    }

    /// <summary>Every bin, zeros included.</summary>
    public DenseRates ToDense()
    {
        var d = new DenseRates(new long[Count], new long[Count], new long[Count], new long[Count]);
        foreach (var b in Bins)
        {
            d.BytesUp[b.Index] = b.BytesUp;
            d.BytesDown[b.Index] = b.BytesDown;
            d.PacketsUp[b.Index] = b.PacketsUp;
            d.PacketsDown[b.Index] = b.PacketsDown;
        }

        return d;
    }

    /// <summary>
    /// A copy with <paramref name="bytes"/> added per packet: the same traffic as seen through a different framing
    /// (802.11 headers instead of Ethernet's, a tunnel's encapsulation).
    /// </summary>
    public RateSeries PlusPerPacket(int bytes)
    {
        var copy = new RateSeries(OriginNs, BinNs);
        foreach (var b in Bins)
        {
            copy.Append(b with
            {
                BytesUp = Math.Max(0, b.BytesUp + ((long)b.PacketsUp * bytes)),
                BytesDown = Math.Max(0, b.BytesDown + ((long)b.PacketsDown * bytes)),
            });
        }

        copy.Count = Count;
        copy.Compact();
        return copy;
    }

    // A bin after every bin there is (copies, compaction).
    private void Append(in RateBin b)
    {
        ref var slot = ref Slot(b.Index);
        slot = b;
    }

    // Packets come in time order nearly always: the open bin or a new one after it. A packet for an earlier bin
    // (merged files, reordered captures) goes to the late table, added in when read.
    private ref RateBin Slot(int index)
    {
        if (hasOpen && open.Index == index)
        {
            return ref open;
        }

        if (!hasOpen || open.Index < index)
        {
            if (hasOpen)
            {
                Write(open);
            }

            open = new RateBin(index, 0, 0, 0, 0);
            hasOpen = true;
            Count = Math.Max(Count, index + 1);
            firstIndex = Math.Min(firstIndex, index);
            return ref open;
        }

        if (late is { Count: >= LateLimit })
        {
            MergeLate();
        }

        late ??= [];
        ref var b = ref CollectionsMarshal.GetValueRefOrAddDefault(late, index, out var exists);
        if (!exists)
        {
            b = new RateBin(index, 0, 0, 0, 0);
            firstIndex = Math.Min(firstIndex, index);
        }

        return ref b;
    }

    private void Write(in RateBin b)
    {
        if (head.Length - headUsed < MaxRecord)
        {
            if (head.Length < BlockBytes)
            {
                Array.Resize(ref head, Math.Min(BlockBytes, Math.Max(64, head.Length * 2)));
            }
            else
            {
                (full ??= []).Add((head, headUsed, headPrev, headFirst));
                (head, headUsed, headPrev, headFirst) = (new byte[BlockBytes], 0, lastWritten, int.MaxValue);
            }
        }

        if (headUsed == 0)
        {
            headFirst = b.Index;
        }

        headUsed += WriteRecord(head.AsSpan(headUsed), b.Index - lastWritten, b);
        lastWritten = b.Index;
    }

    // One bin: a header byte (high four bits: the step from the previous index when 1 to 15 and no value is negative,
    // else 0 and the step follows; low four bits: which of the four values are not zero), then the values that are
    // not zero as variable-length integers (zigzag-signed only after a 0 header). A second that sent a few hundred
    // bytes up in one packet takes 4 bytes.
    private static int WriteRecord(Span<byte> to, int step, in RateBin b)
    {
        var flags = (b.BytesUp != 0 ? 1 : 0) | (b.BytesDown != 0 ? 2 : 0) | (b.PacketsUp != 0 ? 4 : 0) | (b.PacketsDown != 0 ? 8 : 0);
        var plain = step is >= 1 and <= 15 && b.BytesUp >= 0 && b.BytesDown >= 0 && b.PacketsUp >= 0 && b.PacketsDown >= 0;
        to[0] = (byte)(((plain ? step : 0) << 4) | flags);
        var n = 1;
        if (!plain)
        {
            n += WriteUnsigned(to[n..], (uint)step);
        }

        n += Value(to[n..], b.BytesUp, plain);
        n += Value(to[n..], b.BytesDown, plain);
        n += Value(to[n..], b.PacketsUp, plain);
        n += Value(to[n..], b.PacketsDown, plain);
        return n;

        static int Value(Span<byte> to, long value, bool plain) =>
            value == 0 ? 0 : plain ? WriteUnsigned(to, (ulong)value) : WriteSigned(to, value);
    }

    private static RateBin ReadRecord(byte[] from, ref int at, ref int index)
    {
        var header = from[at++];
        var step = header >> 4;
        var plain = step != 0;
        index += plain ? step : (int)ReadUnsigned(from, ref at);
        var up = (header & 1) == 0 ? 0 : plain ? (long)ReadUnsigned(from, ref at) : ReadSigned(from, ref at);
        var down = (header & 2) == 0 ? 0 : plain ? (long)ReadUnsigned(from, ref at) : ReadSigned(from, ref at);
        var packetsUp = (header & 4) == 0 ? 0 : plain ? (long)ReadUnsigned(from, ref at) : ReadSigned(from, ref at);
        var packetsDown = (header & 8) == 0 ? 0 : plain ? (long)ReadUnsigned(from, ref at) : ReadSigned(from, ref at);
        return new RateBin(index, up, down, (int)packetsUp, (int)packetsDown);
    }

    // Adds the late bins to the written ones: the blocks from the one holding the earliest late bin are decoded,
    // merged with them (equal indices summed) and written again; late bins near the end rewrite only the last block.
    private void MergeLate()
    {
        var extra = late!.Values.ToArray();
        Array.Sort(extra, (a, b) => a.Index.CompareTo(b.Index));
        late = null;
        var count = full?.Count ?? 0;
        var from = count;
        while (from > 0 && (from == count ? headFirst : full![from].First) > extra[0].Index)
        {
            from--;
        }

        var kept = new List<RateBin>();
        var prev = from == count ? headPrev : full![from].Prev;
        for (var i = from; i <= count; i++)
        {
            var (data, used, index, at) = i == count ? (head, headUsed, headPrev, 0) : (full![i].Data, full[i].Used, full[i].Prev, 0);
            while (at < used)
            {
                kept.Add(ReadRecord(data, ref at, ref index));
            }
        }

        full?.RemoveRange(from, count - from);
        (head, headUsed, headPrev, headFirst, lastWritten) = ([], 0, prev, int.MaxValue, prev);
        var k = 0;
        foreach (var b in kept)
        {
            while (k < extra.Length && extra[k].Index < b.Index)
            {
                Write(extra[k++]);
            }

            if (k < extra.Length && extra[k].Index == b.Index)
            {
                var l = extra[k++];
                Write(new RateBin(b.Index, b.BytesUp + l.BytesUp, b.BytesDown + l.BytesDown, b.PacketsUp + l.PacketsUp, b.PacketsDown + l.PacketsDown));
            }
            else
            {
                Write(b);
            }
        }

        while (k < extra.Length)
        {
            Write(extra[k++]);
        }
    }

    private static int WriteSigned(Span<byte> to, long value) => WriteUnsigned(to, (ulong)((value << 1) ^ (value >> 63)));

    private static int WriteUnsigned(Span<byte> to, ulong value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            to[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        to[n++] = (byte)value;
        return n;
    }

    private static ulong ReadUnsigned(byte[] from, ref int at)
    {
        ulong value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = from[at++];
            value |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }

    private static long ReadSigned(byte[] from, ref int at)
    {
        var v = ReadUnsigned(from, ref at);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>The non-empty bins of a <see cref="RateSeries"/>, in bin order, decoded as enumerated.</summary>
    public readonly struct RateBins
    {
        private readonly RateSeries series;

        internal RateBins(RateSeries series) => this.series = series;

        /// <summary>Starts the enumeration.</summary>
        public Enumerator GetEnumerator() => new(series);

        /// <summary>Every bin, in order, in an array.</summary>
        public RateBin[] ToArray()
        {
            var list = new List<RateBin>();
            foreach (var b in this)
            {
                list.Add(b);
            }

            return [.. list];
        }

        /// <summary>Walks the written blocks, the late bins and the open bin in index order.</summary>
        public struct Enumerator
        {
            private readonly List<(byte[] Data, int Used, int Prev, int First)>? full;
            private readonly byte[] head;
            private readonly int headUsed;
            private readonly RateBin open;
            private readonly bool hasOpen;
            private readonly RateBin[]? late;
            private int block;
            private byte[] data;
            private int used;
            private int at;
            private int index;
            private int lateAt;
            private bool pending;
            private RateBin written;
            private bool openDone;
            private RateBin current;

            internal Enumerator(RateSeries s)
            {
                (full, head, headUsed, open, hasOpen) = (s.full, s.head, s.headUsed, s.open, s.hasOpen);
                late = s.late is { Count: > 0 } l ? [.. l.Values.OrderBy(b => b.Index)] : null;
                block = 0;
                (data, used) = full is { Count: > 0 } ? (full[0].Data, full[0].Used) : (head, headUsed);
                (at, index, lateAt, pending, written, openDone, current) = (0, -1, 0, false, default, false, default);
            }

            /// <summary>The bin at the enumerator's position (by reference, for `foreach (ref readonly ...)`; valid until the next move).</summary>
            [UnscopedRef]
            public readonly ref readonly RateBin Current => ref current;

            /// <summary>Moves to the next bin.</summary>
            public bool MoveNext()
            {
                if (!pending)
                {
                    pending = NextWritten(out written);
                }

                var hasLate = late is not null && lateAt < late.Length;
                if (pending && (!hasLate || written.Index <= late![lateAt].Index))
                {
                    current = written;
                    pending = false;
                    if (hasLate && late![lateAt].Index == current.Index)
                    {
                        var l = late[lateAt++];
                        current = new RateBin(current.Index, current.BytesUp + l.BytesUp, current.BytesDown + l.BytesDown, current.PacketsUp + l.PacketsUp, current.PacketsDown + l.PacketsDown);
                    }

                    return true;
                }

                if (hasLate)
                {
                    current = late![lateAt++];
                    return true;
                }

                if (hasOpen && !openDone)
                {
                    openDone = true;
                    current = open;
                    return true;
                }

                return false;
            }

            private bool NextWritten(out RateBin bin)
            {
                while (at >= used)
                {
                    if (full is null || block >= full.Count)
                    {
                        bin = default;
                        return false;
                    }

                    block++;
                    (data, used) = block < full.Count ? (full[block].Data, full[block].Used) : (head, headUsed);
                    at = 0;
                }

                bin = ReadRecord(data, ref at, ref index);
                return true;
            }
        }
    }
}
