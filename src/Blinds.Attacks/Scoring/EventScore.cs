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
        var matched = Match(truth, detected, toleranceNs).Count;

        // A random detection lands within the tolerance of a given labelled event with probability 2·tol/duration.
        var chance = durationNs <= 0 ? 0 : Math.Min(1, detected.Count * 2.0 * toleranceNs / durationNs);
        return new EventScore(truth.Count, detected.Count, matched, chance);
    }

    /// <summary>
    /// The pairs (index into <paramref name="truth"/>, index into <paramref name="detected"/>) that
    /// <see cref="Score"/> counts: detections in time order, each taking the nearest unused label within the tolerance.
    /// </summary>
    public static IReadOnlyList<(int Truth, int Detected)> Match(IReadOnlyList<long> truth, IReadOnlyList<long> detected, long toleranceNs)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detected);
        var used = new bool[truth.Count];
        var pairs = new List<(int, int)>();
        foreach (var d in Enumerable.Range(0, detected.Count).OrderBy(i => detected[i]))
        {
            var best = -1;
            for (var i = 0; i < truth.Count; i++)
            {
                var gap = Math.Abs(truth[i] - detected[d]);
                if (!used[i] && gap <= toleranceNs && (best < 0 || gap < Math.Abs(truth[best] - detected[d]) || (gap == Math.Abs(truth[best] - detected[d]) && truth[i] < truth[best])))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                pairs.Add((best, d));
            }
        }

        return pairs;
    }
}
