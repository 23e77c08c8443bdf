namespace Blinds.Attacks.Identification;

/// <summary>
/// k-NN on feature vectors standardised by the training set's mean and deviation (the traffic features mix
/// shares, byte sizes and logarithms): the baseline the tree learners are compared with.
/// </summary>
public sealed class StandardisedNeighbours
{
    private readonly double[][] points;
    private readonly string[] labels;
    private readonly FeatureStandardisation standard;
    private readonly int k;

    /// <summary>Keeps the standardised training set.</summary>
    public StandardisedNeighbours(IReadOnlyList<float[]> features, IReadOnlyList<string> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new ArgumentException("one label per vector, and at least one", nameof(labels));
        }

        standard = FeatureStandardisation.Fit(features);
        points = features.Select(standard.Apply).ToArray();
        this.labels = [.. labels];
        this.k = Math.Min(k, features.Count);
    }

    /// <summary>Each label's share of the k nearest neighbours' votes.</summary>
    public IReadOnlyDictionary<string, double> Probabilities(float[] features)
    {
        var q = standard.Apply(features);
        var nearest = points.Select((p, i) => (Distance: Distance(p, q), i)).OrderBy(x => x.Distance).ThenBy(x => x.i).Take(k);
        return nearest.GroupBy(x => labels[x.i]).ToDictionary(g => g.Key, g => g.Count() / (double)k, StringComparer.Ordinal);
    }

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return s;
    }
}
