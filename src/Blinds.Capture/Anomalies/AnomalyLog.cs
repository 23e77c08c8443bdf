namespace Blinds.Capture.Anomalies;

/// <summary>
/// Counts anomalies as they happen and keeps where each was first seen. Counting is an array increment so that
/// decoders can report per packet without allocating.
/// </summary>
/// <remarks>
/// Arrays, not Dictionary or LINQ over <see cref="AnomalyEntry"/>: framework generics over a Blinds value type are not
/// precompiled by ReadyToRun, and JIT-compiling them was ~25 methods of every command's start-up (issue 16 item 6).
/// </remarks>
public sealed class AnomalyLog
{
    private long[] counts = new long[64];
    private AnomalyLocation[] first = new AnomalyLocation[64];

    /// <summary>
    /// Sees every <see cref="Add(Anomaly, long, long)"/> call: a file decoded on another thread records its anomalies
    /// so that the merge can add them to the shared log when it reaches the packet that raised them.
    /// </summary>
    internal Action<Anomaly, long, long>? Observer { get; init; }

    /// <summary>The file being read, used for locations; set by whoever opens files.</summary>
    public string? CurrentSource { get; set; }

    /// <summary>Counts one occurrence at <paramref name="offset"/> (bytes into the current source, or -1).</summary>
    public void Add(Anomaly anomaly, long offset = -1) => Add(anomaly, 1, offset);

    /// <summary>Counts <paramref name="occurrences"/> at once, the first at <paramref name="offset"/> (or -1).</summary>
    public void Add(Anomaly anomaly, long occurrences, long offset)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        ArgumentOutOfRangeException.ThrowIfNegative(occurrences);
        if (occurrences == 0)
        {
            return;
        }

        Observer?.Invoke(anomaly, occurrences, offset);
        var i = anomaly.Index;
        Grow(i);
        if (counts[i] == 0)
        {
            first[i] = new AnomalyLocation(CurrentSource, offset);
        }

        counts[i] += occurrences;
    }

    /// <summary>How often <paramref name="anomaly"/> was seen and where first (a count of 0 when never).</summary>
    public AnomalyEntry Entry(Anomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        var i = anomaly.Index;
        return i < counts.Length && counts[i] > 0 ? new AnomalyEntry(anomaly, counts[i], first[i]) : new AnomalyEntry(anomaly, 0, default);
    }

    /// <summary>How often <paramref name="anomaly"/> was seen.</summary>
    public long Count(Anomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return anomaly.Index < counts.Length ? counts[anomaly.Index] : 0;
    }

    /// <summary>Total of all counts of one kind.</summary>
    public long Total(AnomalyKind kind)
    {
        long total = 0;
        foreach (var e in ToArray())
        {
            if (e.Anomaly.Kind == kind)
            {
                total += e.Count;
            }
        }

        return total;
    }

    /// <summary>Every anomaly seen at least once, by id.</summary>
    public IReadOnlyList<AnomalyEntry> Entries => ToArray();

    /// <summary>As <see cref="Entries"/>, as an array (indexing it needs no interface over a value type).</summary>
    public AnomalyEntry[] ToArray()
    {
        var seen = 0;
        foreach (var c in counts)
        {
            seen += c > 0 ? 1 : 0;
        }

        var entries = new AnomalyEntry[seen];
        var n = 0;
        foreach (var a in Anomaly.All)
        {
            if (a.Index < counts.Length && counts[a.Index] > 0)
            {
                entries[n++] = new AnomalyEntry(a, counts[a.Index], first[a.Index]);
            }
        }

        return n == seen ? entries : entries[..n];
    }

    /// <summary>Adds another log's counts to this one.</summary>
    public void Merge(AnomalyLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var e in other.ToArray())
        {
            var i = e.Anomaly.Index;
            Grow(i);
            if (counts[i] == 0)
            {
                first[i] = e.First;
            }

            counts[i] += e.Count;
        }
    }

    private void Grow(int index)
    {
        if (index >= counts.Length)
        {
            var length = Math.Max(index + 1, counts.Length * 2);
            Array.Resize(ref counts, length);
            Array.Resize(ref first, length);
        }
    }
}

/// <summary>Where an anomaly was first seen.</summary>
/// <param name="Source">The file, if known.</param>
/// <param name="Offset">Byte offset into the (decompressed) file, or -1.</param>
public readonly record struct AnomalyLocation(string? Source, long Offset);

/// <summary>One line of the anomaly report.</summary>
/// <param name="Anomaly">What.</param>
/// <param name="Count">How often.</param>
/// <param name="First">Where first.</param>
public readonly record struct AnomalyEntry(Anomaly Anomaly, long Count, AnomalyLocation First);
