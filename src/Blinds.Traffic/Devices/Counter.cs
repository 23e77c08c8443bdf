namespace Blinds.Traffic.Devices;

/// <summary>Counts of string values with a cap on distinct values, so a device that queries a million names costs bounded memory.</summary>
public sealed class Counter
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Creates a counter of at most <paramref name="capacity"/> distinct values.</summary>
    public Counter(int capacity = 4096) => Capacity = capacity;

    /// <summary>Most distinct values kept.</summary>
    public int Capacity { get; }

    /// <summary>Values not kept because the counter was full.</summary>
    public long Dropped { get; private set; }

    /// <summary>Distinct values kept.</summary>
    public int Count => counts.Count;

    /// <summary>Counts one occurrence.</summary>
    public void Add(string value, long n = 1)
    {
        if (counts.TryGetValue(value, out var c))
        {
            counts[value] = c + n;
        }
        else if (counts.Count < Capacity)
        {
            counts[value] = n;
        }
        else
        {
            Dropped += n;
        }
    }

    /// <summary>True when <paramref name="value"/> was counted.</summary>
    public bool Contains(string value) => counts.ContainsKey(value);

    /// <summary>The most frequent values, ties by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToArray();

    /// <summary>All values, by name.</summary>
    public IReadOnlyList<string> Values => counts.Keys.Order(StringComparer.Ordinal).ToArray();
}
