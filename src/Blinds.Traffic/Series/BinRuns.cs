namespace Blinds.Traffic.Series;

/// <summary>
/// Ascending times cut into runs that fall in one bin each, from a fixed origin: times before the origin are skipped
/// and nothing past the last bin a <see cref="RateSeries"/> can index is given. One bin update per run, not per time,
/// is what makes a padding's cover (hundreds of slots a second) cheap to count.
/// </summary>
public ref struct BinRuns
{
    private readonly ReadOnlySpan<long> times;
    private readonly long originNs;
    private readonly long binNs;
    private int next;

    /// <summary>Runs of <paramref name="times"/> (ascending) in bins of <paramref name="binNs"/> from <paramref name="originNs"/>.</summary>
    public BinRuns(ReadOnlySpan<long> times, long originNs, long binNs)
    {
        this.times = times;
        this.originNs = originNs;
        this.binNs = binNs;
        while (next < times.Length && times[next] < originNs)
        {
            next++;
        }
    }

    /// <summary>The current run's bin index.</summary>
    public int Bin { get; private set; }

    /// <summary>How many times the current run holds (at least one).</summary>
    public int Count { get; private set; }

    /// <summary>Moves to the next run; false when the times are used up or the next bin is past the last one.</summary>
    public bool MoveNext()
    {
        if (next >= times.Length)
        {
            return false;
        }

        var bin = (times[next] - originNs) / binNs;
        if (bin > int.MaxValue - 1)
        {
            next = times.Length;
            return false;
        }

        var end = originNs + ((bin + 1) * binNs);
        var n = 1;
        while (next + n < times.Length && times[next + n] < end)
        {
            n++;
        }

        (Bin, Count) = ((int)bin, n);
        next += n;
        return true;
    }
}
