namespace Blinds.Defences.Costs;

/// <summary>
/// Per-packet delays: exact count, mean and maximum, and percentiles from a log-spaced histogram (1 µs to about
/// 3 hours, 32 buckets per factor of 10, so a percentile is within 7.5% of the true value) in constant memory.
/// </summary>
public sealed class DelayStats
{
    private const int PerDecade = 32;
    private const double MinNs = 1_000; // 1 µs
    private readonly long[] buckets = new long[(PerDecade * 10) + 2];

    /// <summary>Packets delayed (zero delays included).</summary>
    public long Count { get; private set; }

    /// <summary>Sum of delays, ns.</summary>
    public double SumNs { get; private set; }

    /// <summary>Largest delay, ns.</summary>
    public long MaxNs { get; private set; }

    /// <summary>Mean delay in seconds.</summary>
    public double MeanSeconds => Count == 0 ? 0 : SumNs / Count / 1e9;

    /// <summary>Largest delay in seconds.</summary>
    public double MaxSeconds => MaxNs / 1e9;

    /// <summary>Records one delay.</summary>
    public void Add(long delayNs)
    {
        delayNs = Math.Max(0, delayNs);
        Count++;
        SumNs += delayNs;
        MaxNs = Math.Max(MaxNs, delayNs);
        buckets[Bucket(delayNs)]++;
    }

    /// <summary>Adds another's counts (the whole home from its devices).</summary>
    public void Merge(DelayStats other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        SumNs += other.SumNs;
        MaxNs = Math.Max(MaxNs, other.MaxNs);
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] += other.buckets[i];
        }
    }

    /// <summary>The <paramref name="p"/> quantile (0..1) in seconds: the upper edge of its bucket, capped at the maximum.</summary>
    public double QuantileSeconds(double p)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(p * Count);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                var upper = i == 0 ? MinNs : MinNs * Math.Pow(10, i / (double)PerDecade);
                return Math.Min(upper, MaxNs) / 1e9;
            }
        }

        return MaxSeconds;
    }

    private static int Bucket(long ns) =>
        ns < MinNs ? 0 : Math.Min(BucketCount - 1, 1 + (int)(Math.Log10(ns / MinNs) * PerDecade));

    private const int BucketCount = (PerDecade * 10) + 2;
}
