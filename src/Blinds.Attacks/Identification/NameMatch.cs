namespace Blinds.Attacks.Identification;

/// <summary>
/// What names say about one device: the best labels (several when the names cannot split them: twins such as
/// two plugs of one maker), their score and the names and DHCP facts that matched.
/// </summary>
/// <param name="Labels">The tied best labels, in ordinal order; empty when nothing matched well enough.</param>
/// <param name="Score">The best score, 0..1 (also when no label was given, to show how close it came).</param>
/// <param name="Matched">What matched for the first label: names, "(same domain)" names, DHCP facts.</param>
/// <param name="Scores">Every label's score.</param>
public sealed record NameMatch(IReadOnlyList<string> Labels, double Score, IReadOnlyList<string> Matched, IReadOnlyDictionary<string, double> Scores)
{
    /// <summary>
    /// How specific the most telling name the first label matched exactly is: its weight
    /// (<see cref="NameSignatures.Weight"/>, 1 for a name only that label shows); 0 when no name matched exactly
    /// (DHCP facts or same-domain names only).
    /// </summary>
    public double Specificity { get; init; }

    /// <summary>The first label, or null when nothing matched.</summary>
    public string? Label => Labels.Count > 0 ? Labels[0] : null;

    /// <summary>True when several labels tie.</summary>
    public bool IsTie => Labels.Count > 1;

    /// <summary>The confidence each tied label gets: the score split between them.</summary>
    public double Confidence => Labels.Count == 0 ? Score : Score / Labels.Count;

    /// <summary>No label: the best score was <paramref name="score"/>.</summary>
    public static NameMatch None(double score) => new([], score, [], new Dictionary<string, double>());
}
