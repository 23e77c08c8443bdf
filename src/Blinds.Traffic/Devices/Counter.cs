namespace Blinds.Traffic.Devices;

/// <summary>Counts of string values with a cap on distinct values, so a device that queries a million names costs bounded memory.</summary>
/// <remarks>
/// The counts sit in boxes (Dictionary of string to a class) and the lists are sorted by hand into Blinds-owned
/// lists: a Dictionary&lt;string, long&gt;, LINQ's OrderBy over KeyValuePair&lt;string, long&gt; and arrays of it seen
/// through IReadOnlyList are framework generics over a value type, JIT-compiled at every start (issue 16 item 6),
/// while Dictionary&lt;string, class&gt; shares the framework's precompiled code and the rest is precompiled here.
/// </remarks>
public sealed class Counter
{
    // Created on first use: a device has a dozen counters and most stay empty (a MAC flood makes thousands of devices).
    private Dictionary<string, Tally>? counts;

    /// <summary>Creates a counter of at most <paramref name="capacity"/> distinct values.</summary>
    public Counter(int capacity = 4096) => Capacity = capacity;

    /// <summary>Most distinct values kept.</summary>
    public int Capacity { get; }

    /// <summary>Values not kept because the counter was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Distinct values kept.</summary>
    public int Count => counts?.Count ?? 0;

    /// <summary>Counts one occurrence.</summary>
    public void Add(string value, long n = 1)
    {
        counts ??= new Dictionary<string, Tally>(StringComparer.Ordinal);
        if (counts.TryGetValue(value, out var c))
        {
            c.Value += n;
        }
        else if (counts.Count < Capacity)
        {
            counts[value] = new Tally { Value = n };
        }
        else
        {
            Dropped += n;
        }
    }

    /// <summary>True when <paramref name="value"/> was counted.</summary>
    public bool Contains(string value) => counts?.ContainsKey(value) ?? false;

    /// <summary>The most frequent values, ties by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n)
    {
        if (counts is null || n <= 0)
        {
            return TopList.Empty;
        }

        var all = new Entry[counts.Count];
        var i = 0;
        foreach (var (value, count) in counts)
        {
            all[i++] = new Entry(value, count.Value);
        }

        StableSort.Sort(all, Before);
        return new TopList(all, Math.Min(n, all.Length));
    }

    /// <summary>All values, by name.</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            if (counts is null)
            {
                return [];
            }

            var values = new string[counts.Count];
            counts.Keys.CopyTo(values, 0);
            Array.Sort(values, StringComparer.Ordinal);
            return values;
        }
    }

    // Most frequent first, ties by name (ordinal); the keys are distinct, so no two entries tie.
    private static bool Before(Entry x, Entry y) => x.Count != y.Count ? x.Count > y.Count : string.CompareOrdinal(x.Value, y.Value) < 0;

    private sealed class Tally
    {
        public long Value;
    }

    private readonly record struct Entry(string Value, long Count);

    private sealed class TopList(Entry[] entries, int count) : IReadOnlyList<KeyValuePair<string, long>>
    {
        // One unused slot rather than [] (Array.Empty<Entry> is a framework generic over a value type: JIT-compiled).
        public static readonly TopList Empty = new(new Entry[1], 0);

        public int Count => count;

        public KeyValuePair<string, long> this[int index] => (uint)index < (uint)count
            ? new KeyValuePair<string, long>(entries[index].Value, entries[index].Count)
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, long>> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
