namespace Blinds.Traffic.Devices;

/// <summary>Counts of string values with a cap on distinct values, so a device that queries a million names costs bounded memory.</summary>
public sealed class Counter
{
    // Created on first use: a device has a dozen counters and most stay empty (a MAC flood makes thousands of devices).
    private Dictionary<string, long>? counts;

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
        counts ??= new Dictionary<string, long>(StringComparer.Ordinal);
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
    public bool Contains(string value) => counts?.ContainsKey(value) ?? false;

    /// <summary>The most frequent values, ties by name.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int n) =>
        counts is null ? [] : counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(n).ToArray();

    /// <summary>All values, by name.</summary>
    public IReadOnlyList<string> Values => counts is null ? [] : counts.Keys.Order(StringComparer.Ordinal).ToArray();
}
