namespace Blinds.Attacks.Identification;

/// <summary>A device's identity from names and traffic together: the labels that cannot be split, and how sure.</summary>
/// <param name="Labels">The best label, or several within <see cref="CombinedIdentification.GroupMargin"/> of it (twins, or labels whose training captures shared one MAC); empty when nothing points anywhere.</param>
/// <param name="Confidence">How sure that the device is one of <paramref name="Labels"/>, 0..1: the names' score when a specific name decided, else the mean of the best name score and the group's summed traffic probability (the traffic alone for silent devices).</param>
/// <param name="FromNames">True when names took part (they matched a signature well enough).</param>
public sealed record CombinedGuess(IReadOnlyList<string> Labels, double Confidence, bool FromNames)
{
    /// <summary>The best label, or null.</summary>
    public string? Label => Labels.Count > 0 ? Labels[0] : null;

    /// <summary>
    /// True when the confidence is below the open-set threshold: the device is probably none of the labels learned,
    /// and <see cref="Labels"/> are only the closest guess.
    /// </summary>
    public bool Unknown { get; init; }

    /// <summary>True when the traffic was unlike anything learned (<see cref="CombinationSettings.NovelAbove"/>) and so ignored.</summary>
    public bool Novel { get; init; }

    /// <summary>True when a specific name decided (names dominated the traffic).</summary>
    public bool NamesDecided { get; init; }
}

/// <summary>
/// The parameters of <see cref="CombinedIdentification"/>, chosen by cross-validation over the IoT Sentinel captures
/// (<see cref="CaptureIdentificationEvaluation"/>; the figures in results/identification.md).
/// </summary>
/// <param name="NamesDecide">
/// When the names' best label matched a name at least this specific (<see cref="NameMatch.Specificity"/>, an IDF
/// weight 0..1), names decide and traffic only orders the labels the names leave within the group margin;
/// above 1, names never decide alone.
/// </param>
/// <param name="UnknownBelow">Below this confidence the answer is "unknown", with the best labels as a guess.</param>
/// <param name="NovelAbove">
/// Traffic whose <see cref="TrafficNovelty"/> score is above this is unlike anything learned: its probabilities are
/// ignored (names alone, or "unknown" with the traffic's guess); 1 or more: never.
/// </param>
public sealed record CombinationSettings(double NamesDecide, double UnknownBelow, double NovelAbove = 2)
{
    /// <summary>The values chosen by cross-validation (results/identification.md gives the run).</summary>
    public static CombinationSettings Default { get; } = new(CombinedIdentification.DefaultNamesDecide, CombinedIdentification.DefaultUnknownBelow, CombinedIdentification.DefaultNovelAbove);
}

/// <summary>
/// Names and traffic combined (issue 18 item 3): when a specific name matched, names decide and the traffic
/// classifier only orders the labels the names cannot split; otherwise a label's score is the mean of its name score
/// and the traffic probability when names matched a signature, the traffic probability alone when they did not
/// (silent devices). Labels within <see cref="GroupMargin"/> of the best are reported with it, as a group, and so
/// are labels learned from captures of one MAC (the groups passed to <see cref="Combine(NameMatch, IReadOnlyDictionary{string, double}?, CombinationSettings, IReadOnlyDictionary{string, IReadOnlyList{string}}?)"/>: a hub and the radio devices added through it).
/// Below <see cref="CombinationSettings.UnknownBelow"/> the device is "unknown" (open set).
/// </summary>
public static class CombinedIdentification
{
    /// <summary>
    /// How close to the best a label must score to be reported beside it. Chosen once, before measuring, as the
    /// smallest gap a user should not be asked to read as a difference.
    /// </summary>
    public const double GroupMargin = 0.1;

    /// <summary>The specificity from which names decide (cross-validated; results/identification.md).</summary>
    public const double DefaultNamesDecide = 0.7;

    /// <summary>The novelty above which traffic is ignored (cross-validated; results/identification.md).</summary>
    public const double DefaultNovelAbove = 0.9;

    /// <summary>The open-set threshold (cross-validated; results/identification.md).</summary>
    public const double DefaultUnknownBelow = 0.85;

    /// <summary>Combines a name match (may be empty) with the traffic classifier's probabilities (may be null).</summary>
    public static CombinedGuess Combine(NameMatch names, IReadOnlyDictionary<string, double>? traffic) => Combine(names, traffic, CombinationSettings.Default, null);

    /// <summary>
    /// Combines a name match (may be empty) with the traffic classifier's probabilities (may be null) under
    /// <paramref name="settings"/>; <paramref name="groups"/> maps a label to the labels reported with it (may be null).
    /// </summary>
    public static CombinedGuess Combine(NameMatch names, IReadOnlyDictionary<string, double>? traffic, CombinationSettings settings, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups) =>
        Combine(names, traffic, settings, groups, null);

    /// <summary>
    /// As <see cref="Combine(NameMatch, IReadOnlyDictionary{string, double}?, CombinationSettings, IReadOnlyDictionary{string, IReadOnlyList{string}}?)"/>,
    /// with the traffic's <see cref="TrafficNovelty"/> score (null: not known).
    /// </summary>
    public static CombinedGuess Combine(NameMatch names, IReadOnlyDictionary<string, double>? traffic, CombinationSettings settings, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups, double? novelty)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(settings);
        var useNames = names.Labels.Count > 0;
        var decide = useNames && names.Specificity >= settings.NamesDecide;
        var novel = !decide && novelty > settings.NovelAbove;
        if (novel && useNames)
        {
            // Traffic unlike anything learned says nothing: names alone.
            traffic = null;
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        if (decide)
        {
            foreach (var (label, s) in names.Scores)
            {
                scores[label] = s;
            }
        }
        else
        {
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
        }

        if (scores.Count == 0)
        {
            return new CombinedGuess([], 0, false) { Unknown = true };
        }

        var best = scores.Values.Max();
        double Traffic(string l) => traffic?.GetValueOrDefault(l) ?? 0;
        var group = scores.Where(kv => best - kv.Value <= GroupMargin + 1e-9)
            .OrderByDescending(kv => decide ? Traffic(kv.Key) : kv.Value)
            .ThenByDescending(kv => kv.Value)
            .ThenByDescending(kv => Traffic(kv.Key))
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).ToList();
        if (groups is not null && groups.TryGetValue(group[0], out var shared))
        {
            group.AddRange(shared.Where(l => !group.Contains(l, StringComparer.Ordinal)).OrderByDescending(l => scores.GetValueOrDefault(l)).ThenBy(l => l, StringComparer.Ordinal));
        }

        // How sure that the device is one of the labels reported: the traffic probabilities of the whole group add
        // up (twins split them), the names give their best score.
        var groupTraffic = Math.Min(1, group.Sum(Traffic));
        var nameScore = group.Max(l => names.Scores.GetValueOrDefault(l));
        var confidence = decide || traffic is null ? best : useNames ? 0.5 * (nameScore + groupTraffic) : groupTraffic;
        return new CombinedGuess(group, confidence, useNames) { Unknown = (novel && !useNames) || confidence < settings.UnknownBelow, NamesDecided = decide, Novel = novel };
    }
}
