namespace Blinds.Traffic.Series;

/// <summary>
/// Bytes and packets per time bin, up and down, from a fixed origin. Only non-empty bins are stored, in bin order:
/// a home has hundreds of streams and most are silent most of the time, so dense arrays (86,400 one-second bins a
/// day, per stream) would cost gigabytes for a week; this costs 32 bytes per bin that saw traffic.
/// </summary>
public sealed class RateSeries
{
    private RateBin[] bins = new RateBin[16];
    private int stored;

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

    /// <summary>The non-empty bins, in bin order.</summary>
    public ReadOnlySpan<RateBin> Bins => bins.AsSpan(0, stored);

    /// <summary>Bytes both ways over the whole series.</summary>
    public long TotalBytes
    {
        get
        {
            long s = 0;
            foreach (ref readonly var b in Bins)
            {
                s += b.Bytes;
            }

            return s;
        }
    }

    /// <summary>Start of the first bin with traffic, or null for an empty series.</summary>
    public long? FirstActiveNs => stored == 0 ? null : OriginNs + (bins[0].Index * BinNs);

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
        var i = 0;
        while (i < times.Length && times[i] < OriginNs)
        {
            i++;
        }

        while (i < times.Length)
        {
            var bin = (times[i] - OriginNs) / BinNs;
            if (bin > int.MaxValue - 1)
            {
                return;
            }

            var end = OriginNs + ((bin + 1) * BinNs);
            var n = 1;
            while (i + n < times.Length && times[i + n] < end)
            {
                n++;
            }

            ref var b = ref Slot((int)bin);
            if (up)
            {
                b.BytesUp += (long)bytes * n;
                b.PacketsUp += n;
            }
            else
            {
                b.BytesDown += (long)bytes * n;
                b.PacketsDown += n;
            }

            i += n;
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

    /// <summary>Bytes both ways summed into samples of <paramref name="binsPerSample"/> bins, every sample of the series.</summary>
    public long[] SampleBytes(int binsPerSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binsPerSample, 1);
        var totals = new long[(Count + binsPerSample - 1) / binsPerSample];
        foreach (ref readonly var b in Bins)
        {
            totals[b.Index / binsPerSample] += b.Bytes;
        }

        return totals;
    }

    /// <summary>Every bin, zeros included.</summary>
    public DenseRates ToDense()
    {
        var d = new DenseRates(new long[Count], new long[Count], new long[Count], new long[Count]);
        foreach (ref readonly var b in Bins)
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
        var copy = new RateSeries(OriginNs, BinNs) { Count = Count, stored = stored, bins = new RateBin[Math.Max(16, stored)] };
        for (var i = 0; i < stored; i++)
        {
            var b = bins[i];
            copy.bins[i] = b with
            {
                BytesUp = Math.Max(0, b.BytesUp + ((long)b.PacketsUp * bytes)),
                BytesDown = Math.Max(0, b.BytesDown + ((long)b.PacketsDown * bytes)),
            };
        }

        return copy;
    }

    // Packets come in time order nearly always: the last bin or a new one at the end. Out-of-order packets (merged
    // files, reordered captures) find their bin by binary search and, rarely, insert one.
    private ref RateBin Slot(int index)
    {
        if (stored > 0 && bins[stored - 1].Index == index)
        {
            return ref bins[stored - 1];
        }

        int at;
        if (stored == 0 || bins[stored - 1].Index < index)
        {
            at = stored;
        }
        else
        {
            var found = BinarySearch(index);
            if (found >= 0)
            {
                return ref bins[found];
            }

            at = ~found;
        }

        if (stored == bins.Length)
        {
            Array.Resize(ref bins, bins.Length * 2);
        }

        if (at < stored)
        {
            Array.Copy(bins, at, bins, at + 1, stored - at);
        }

        bins[at] = new RateBin(index, 0, 0, 0, 0);
        stored++;
        Count = Math.Max(Count, index + 1);
        return ref bins[at];
    }

    private int BinarySearch(int index)
    {
        int lo = 0, hi = stored - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var v = bins[mid].Index;
            if (v == index)
            {
                return mid;
            }

            if (v < index)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
