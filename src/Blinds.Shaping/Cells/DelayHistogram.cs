namespace Blinds.Shaping.Cells;

/// <summary>Queueing delays in 0.1 ms bins up to 100 s (the last bin holds the rest): percentiles without keeping every packet.</summary>
public sealed class DelayHistogram
{
    private const long BinNs = 100_000;
    private readonly long[] bins = new long[1_000_000];
    private readonly Lock gate = new();
    private double sumMs;

    /// <summary>Packets recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Longest delay, milliseconds.</summary>
    public double MaxMs { get; private set; }

    /// <summary>Mean delay, milliseconds.</summary>
    public double MeanMs => Count == 0 ? 0 : sumMs / Count;

    /// <summary>Records one packet's delay.</summary>
    public void Add(long delayNs)
    {
        var ms = delayNs / 1e6;
        lock (gate)
        {
            bins[Math.Clamp(delayNs / BinNs, 0, bins.Length - 1)]++;
            Count++;
            sumMs += ms;
            MaxMs = Math.Max(MaxMs, ms);
        }
    }

    /// <summary>The <paramref name="q"/> quantile, milliseconds (the upper edge of its bin).</summary>
    public double QuantileMs(double q)
    {
        lock (gate)
        {
            if (Count == 0)
            {
                return 0;
            }

            var rank = (long)Math.Ceiling(q * Count);
            long seen = 0;
            for (var i = 0; i < bins.Length; i++)
            {
                seen += bins[i];
                if (seen >= Math.Max(1, rank))
                {
                    return (i + 1) * BinNs / 1e6;
                }
            }

            return MaxMs;
        }
    }
}
