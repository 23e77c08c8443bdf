using System.Collections.Concurrent;

namespace Blinds.Capture.Anomalies;

/// <summary>
/// A kind of anomaly with a stable snake_case id (like a line of Zeek's weird.log). Ids are part of Blinds' output
/// format: they are never renamed, only added. Each layer declares its own as static fields.
/// </summary>
public sealed class Anomaly
{
    private static readonly ConcurrentDictionary<string, Anomaly> Registry = new(StringComparer.Ordinal);
    private static int nextIndex = -1;

    private Anomaly(string id, AnomalyKind kind, string description, int index)
    {
        Id = id;
        Kind = kind;
        Description = description;
        Index = index;
    }

    /// <summary>The stable id, e.g. <c>truncated_ipv4</c>.</summary>
    public string Id { get; }

    /// <summary>Truncated, malformed or unsupported.</summary>
    public AnomalyKind Kind { get; }

    /// <summary>One sentence for people.</summary>
    public string Description { get; }

    /// <summary>A dense number for counting arrays; not stable across runs, never printed.</summary>
    internal int Index { get; }

    /// <summary>All anomalies declared so far.</summary>
    public static IReadOnlyCollection<Anomaly> All => Registry.Values.OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Declares an anomaly; declaring the same id twice returns the first declaration.</summary>
    public static Anomaly Declare(string id, AnomalyKind kind, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Registry.GetOrAdd(id, static (key, state) => new Anomaly(key, state.kind, state.description, Interlocked.Increment(ref nextIndex)), (kind, description));
    }

    /// <summary>Finds a declared anomaly by id.</summary>
    public static Anomaly? Find(string id) => Registry.TryGetValue(id, out var a) ? a : null;

    /// <inheritdoc/>
    public override string ToString() => Id;
}
