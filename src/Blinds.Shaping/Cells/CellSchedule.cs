namespace Blinds.Shaping.Cells;

/// <summary>
/// When the next cell leaves: every cell / rate seconds (constant), or with the rate redrawn every period uniformly
/// from rate × [1 − spread, 1 + spread] (VIT), seeded. The traffic never enters into it.
/// </summary>
public sealed class CellSchedule
{
    private readonly double bytesPerSecond;
    private readonly int cellBytes;
    private readonly double spread;
    private readonly long periodNs;
    private readonly Random random;
    private double rate;
    private long rateUntil = long.MinValue;

    /// <summary>A schedule for cells of <paramref name="cellBytes"/> at <paramref name="bytesPerSecond"/> (0 spread: constant).</summary>
    public CellSchedule(double bytesPerSecond, int cellBytes, double spread, TimeSpan period, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellBytes);
        this.bytesPerSecond = bytesPerSecond;
        this.cellBytes = cellBytes;
        this.spread = spread;
        periodNs = (long)period.TotalNanoseconds;
        random = new Random(seed);
        rate = bytesPerSecond;
    }

    /// <summary>The rate now in force, bytes per second.</summary>
    public double Rate => rate;

    /// <summary>Nanoseconds from the cell sent at <paramref name="nowNs"/> to the next.</summary>
    public long NextInterval(long nowNs)
    {
        if (spread > 0 && (rateUntil == long.MinValue || nowNs >= rateUntil))
        {
            rate = bytesPerSecond * (1 + (spread * ((2 * random.NextDouble()) - 1)));
            rateUntil = nowNs + periodNs;
        }

        return Math.Max(1, (long)(cellBytes / rate * 1e9));
    }
}
