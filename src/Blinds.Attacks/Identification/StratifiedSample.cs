namespace Blinds.Attacks.Identification;

/// <summary>
/// A seeded sample that keeps every class's share: k-NN costs the square of its points, so on captures of weeks
/// (hundreds of thousands of windows) the attacks are scored on a bounded sample instead of all windows. At 10,000
/// windows the accuracy's binomial standard error is below half a point.
/// </summary>
public static class StratifiedSample
{
    /// <summary>Most windows the attacks are scored on by default.</summary>
    public const int DefaultMax = 10_000;

    /// <summary>
    /// Indices (ascending) of at most about <paramref name="max"/> items, each class keeping its share (at least one
    /// item); all of them when there are no more than <paramref name="max"/>.
    /// </summary>
    public static int[] Indices(IReadOnlyList<int> classes, int max, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (classes.Count <= max)
        {
            return Enumerable.Range(0, classes.Count).ToArray();
        }

        var rng = new Random(seed);
        var kept = new List<int>(max + 64);
        foreach (var g in classes.Select((c, i) => (c, i)).GroupBy(x => x.c).OrderBy(g => g.Key))
        {
            var idx = g.Select(x => x.i).ToArray();
            var quota = Math.Max(1, (int)Math.Round(idx.Length * (double)max / classes.Count));
            rng.Shuffle(idx);
            kept.AddRange(idx.Take(quota));
        }

        kept.Sort();
        return kept.ToArray();
    }
}
