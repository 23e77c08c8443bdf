using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Identification;

/// <summary>
/// Labels whose training captures picked the same MAC (IoT Sentinel's folders of a hub and of the radio devices
/// added through it: the sensor's captures hold the hub's traffic). Their traffic cannot be told apart by who sent
/// it, so identification reports them together, as a group.
/// </summary>
public static class SharedMacGroups
{
    /// <summary>
    /// For each label that shares a MAC with others, those other labels (in ordinal order); labels with a MAC of
    /// their own are absent.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(IEnumerable<(string Label, MacAddress Mac)> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var byMac = observations.GroupBy(o => o.Mac).Select(g => g.Select(o => o.Label).Distinct(StringComparer.Ordinal).ToArray()).Where(l => l.Length > 1).ToArray();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var labels in byMac)
        {
            foreach (var l in labels)
            {
                var others = result.TryGetValue(l, out var had) ? had : [];
                result[l] = others.Concat(labels.Where(x => x != l)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            }
        }

        return result;
    }

    /// <summary>The groups as sets of labels, each once, for messages and model files.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Distinct(IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return groups.Select(kv => (IReadOnlyList<string>)kv.Value.Append(kv.Key).Order(StringComparer.Ordinal).ToArray())
            .DistinctBy(g => string.Join("\n", g), StringComparer.Ordinal)
            .OrderBy(g => g[0], StringComparer.Ordinal).ToArray();
    }

    /// <summary>The map back from <see cref="Distinct"/>'s sets.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromSets(IEnumerable<IReadOnlyList<string>> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var l in set)
            {
                result[l] = set.Where(x => x != l).Order(StringComparer.Ordinal).ToArray();
            }
        }

        return result;
    }
}
