namespace Blinds.Capture.Anomalies;

/// <summary>
/// Counts anomalies as they happen and keeps where each was first seen. Counting is an array increment so that
/// decoders can report per packet without allocating.
/// </summary>
public sealed class AnomalyLog
{
    private long[] counts = new long[64];
    private readonly Dictionary<int, AnomalyLocation> first = [];

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
        if (i >= counts.Length)
        {
            Array.Resize(ref counts, Math.Max(i + 1, counts.Length * 2));
        }

        if (counts[i] == 0)
        {
            first[i] = new AnomalyLocation(CurrentSource, offset);
        }

        counts[i] += occurrences;
    }

    /// <summary>How often <paramref name="anomaly"/> was seen.</summary>
    public long Count(Anomaly anomaly)
    {
        ArgumentNullException.ThrowIfNull(anomaly);
        return anomaly.Index < counts.Length ? counts[anomaly.Index] : 0;
    }

    /// <summary>Total of all counts of one kind.</summary>
    public long Total(AnomalyKind kind) => Entries.Where(e => e.Anomaly.Kind == kind).Sum(e => e.Count);

    /// <summary>Every anomaly seen at least once, by id.</summary>
    public IReadOnlyList<AnomalyEntry> Entries =>
        Anomaly.All.Where(a => a.Index < counts.Length && counts[a.Index] > 0)
            .Select(a => new AnomalyEntry(a, counts[a.Index], first[a.Index]))
            .ToArray();

    /// <summary>Adds another log's counts to this one.</summary>
    public void Merge(AnomalyLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var e in other.Entries)
        {
            var i = e.Anomaly.Index;
            if (i >= counts.Length)
            {
                Array.Resize(ref counts, Math.Max(i + 1, counts.Length * 2));
            }

            if (counts[i] == 0)
            {
                first[i] = e.First;
            }

            counts[i] += e.Count;
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
