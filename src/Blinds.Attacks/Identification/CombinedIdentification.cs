namespace Blinds.Attacks.Identification;

/// <summary>A device's identity from names and traffic together: the labels that cannot be split, and how sure.</summary>
/// <param name="Labels">The best label, or several within <see cref="CombinedIdentification.GroupMargin"/> of it (twins); empty when nothing points anywhere.</param>
/// <param name="Confidence">The best label's combined score, 0..1.</param>
/// <param name="FromNames">True when names took part (they matched a signature well enough).</param>
public sealed record CombinedGuess(IReadOnlyList<string> Labels, double Confidence, bool FromNames)
{
    /// <summary>The best label, or null.</summary>
    public string? Label => Labels.Count > 0 ? Labels[0] : null;
}

/// <summary>
/// Names and traffic combined (issue 18 item 3): a label's score is the mean of its name score and the traffic
/// classifier's probability when the names matched a signature, the traffic probability alone when they did not
/// (silent devices). Labels within <see cref="GroupMargin"/> of the best are reported with it, as a group.
/// </summary>
public static class CombinedIdentification
{
    /// <summary>
    /// How close to the best a label must score to be reported beside it. Chosen once, before measuring, as the
    /// smallest gap a user should not be asked to read as a difference.
    /// </summary>
    public const double GroupMargin = 0.1;

    /// <summary>Combines a name match (may be empty) with the traffic classifier's probabilities (may be null).</summary>
    public static CombinedGuess Combine(NameMatch names, IReadOnlyDictionary<string, double>? traffic)
    {
        ArgumentNullException.ThrowIfNull(names);
        var useNames = names.Labels.Count > 0;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (traffic is not null)
        {
            foreach (var (label, p) in traffic)
            {
                scores[label] = useNames ? 0.5 * (p + names.Scores.GetValueOrDefault(label)) : p;
            }
        }

        if (useNames)
        {
            foreach (var (label, s) in names.Scores)
            {
                scores.TryAdd(label, traffic is null ? s : 0.5 * s);
            }
        }

        if (scores.Count == 0)
        {
            return new CombinedGuess([], 0, false);
        }

        var best = scores.Values.Max();
        var group = scores.Where(kv => best - kv.Value <= GroupMargin + 1e-9)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).ToArray();
        return new CombinedGuess(group, best, useNames);
    }
}
