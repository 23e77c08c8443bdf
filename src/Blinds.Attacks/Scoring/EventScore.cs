namespace Blinds.Attacks.Scoring;

/// <summary>How well detected events match labelled ones for one device or the whole home.</summary>
/// <param name="Truth">Labelled events.</param>
/// <param name="Detected">Detected events.</param>
/// <param name="Matched">Detected events within the tolerance of a labelled event of the same device (each used once).</param>
/// <param name="ChanceRecall">Recall of as many events placed uniformly at random over the capture: the level an
/// attack that knows nothing would reach.</param>
public sealed record EventScore(int Truth, int Detected, int Matched, double ChanceRecall)
{
    /// <summary>Matched / detected.</summary>
    public double Precision => Detected == 0 ? 0 : Matched / (double)Detected;

    /// <summary>Matched / labelled.</summary>
    public double Recall => Truth == 0 ? 0 : Matched / (double)Truth;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// Matches detected event times to labelled times greedily in time order: a detection counts when it starts
    /// within <paramref name="toleranceNs"/> of a labelled event not yet matched.
    /// </summary>
    public static EventScore Score(IReadOnlyList<long> truth, IReadOnlyList<long> detected, long toleranceNs, long durationNs)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        var used = new bool[truth.Count];
        var sortedTruth = truth.Order().ToArray();
        var matched = 0;
        foreach (var d in detected.Order())
        {
            var best = -1;
            for (var i = 0; i < sortedTruth.Length; i++)
            {
                if (!used[i] && Math.Abs(sortedTruth[i] - d) <= toleranceNs && (best < 0 || Math.Abs(sortedTruth[i] - d) < Math.Abs(sortedTruth[best] - d)))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                matched++;
            }
        }

        // A random detection lands within the tolerance of a given labelled event with probability 2·tol/duration.
        var chance = durationNs <= 0 ? 0 : Math.Min(1, detected.Count * 2.0 * toleranceNs / durationNs);
        return new EventScore(truth.Count, detected.Count, matched, chance);
    }
}
