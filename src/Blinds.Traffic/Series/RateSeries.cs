namespace Blinds.Traffic.Series;

/// <summary>
/// Bytes and packets per time bin, up and down, from a fixed origin. Grows with the capture's duration, not its
/// packet count; bins with no traffic hold zeros.
/// </summary>
public sealed class RateSeries
{
    private long[] bytesUp = new long[256];
    private long[] bytesDown = new long[256];
    private long[] packetsUp = new long[256];
    private long[] packetsDown = new long[256];

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

    /// <summary>Number of bins up to the last one with traffic.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes sent by the home side per bin.</summary>
    public ReadOnlySpan<long> BytesUp => bytesUp.AsSpan(0, Count);

    /// <summary>Bytes received by the home side per bin.</summary>
    public ReadOnlySpan<long> BytesDown => bytesDown.AsSpan(0, Count);

    /// <summary>Packets sent per bin.</summary>
    public ReadOnlySpan<long> PacketsUp => packetsUp.AsSpan(0, Count);

    /// <summary>Packets received per bin.</summary>
    public ReadOnlySpan<long> PacketsDown => packetsDown.AsSpan(0, Count);

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

        var i = (int)bin;
        if (i >= bytesUp.Length)
        {
            var n = Math.Max(i + 1, bytesUp.Length * 2);
            Array.Resize(ref bytesUp, n);
            Array.Resize(ref bytesDown, n);
            Array.Resize(ref packetsUp, n);
            Array.Resize(ref packetsDown, n);
        }

        if (up)
        {
            bytesUp[i] += bytes;
            packetsUp[i]++;
        }
        else
        {
            bytesDown[i] += bytes;
            packetsDown[i]++;
        }

        if (i >= Count)
        {
            Count = i + 1;
        }
    }

    /// <summary>Extends the series with empty bins up to <paramref name="endNs"/> so that idle tails show as zeros.</summary>
    public void ExtendTo(long endNs)
    {
        if (endNs < OriginNs)
        {
            return;
        }

        var bins = (int)Math.Min(((endNs - OriginNs) / BinNs) + 1, int.MaxValue - 1);
        if (bins > Count)
        {
            if (bins > bytesUp.Length)
            {
                Array.Resize(ref bytesUp, bins);
                Array.Resize(ref bytesDown, bins);
                Array.Resize(ref packetsUp, bins);
                Array.Resize(ref packetsDown, bins);
            }

            Count = bins;
        }
    }

    /// <summary>
    /// A copy with <paramref name="bytes"/> added per packet: the same traffic as seen through a different framing
    /// (802.11 headers instead of Ethernet's, a tunnel's encapsulation).
    /// </summary>
    public RateSeries PlusPerPacket(int bytes)
    {
        var copy = new RateSeries(OriginNs, BinNs) { Count = Count };
        copy.bytesUp = new long[Math.Max(Count, 1)];
        copy.bytesDown = new long[Math.Max(Count, 1)];
        copy.packetsUp = PacketsUp.ToArray();
        copy.packetsDown = PacketsDown.ToArray();
        Array.Resize(ref copy.packetsUp, copy.bytesUp.Length);
        Array.Resize(ref copy.packetsDown, copy.bytesUp.Length);
        for (var i = 0; i < Count; i++)
        {
            copy.bytesUp[i] = Math.Max(0, bytesUp[i] + (packetsUp[i] * bytes));
            copy.bytesDown[i] = Math.Max(0, bytesDown[i] + (packetsDown[i] * bytes));
        }

        return copy;
    }
}
