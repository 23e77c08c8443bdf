namespace Blinds.Attacks.Identification;

/// <summary>
/// k-NN on feature vectors standardised by the training set's mean and deviation (the traffic features mix
/// shares, byte sizes and logarithms): the baseline the tree learners are compared with.
/// </summary>
public sealed class StandardisedNeighbours
{
    private readonly double[][] points;
    private readonly string[] labels;
    private readonly double[] mean;
    private readonly double[] scale;
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

        var d = features[0].Length;
        mean = new double[d];
        scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            var m = features.Average(f => (double)f[j]);
            var sd = Math.Sqrt(features.Average(f => (f[j] - m) * (f[j] - m)));
            mean[j] = m;
            scale[j] = sd > 1e-12 ? 1 / sd : 0;
        }

        points = features.Select(Standardise).ToArray();
        this.labels = [.. labels];
        this.k = Math.Min(k, features.Count);
    }

    /// <summary>Each label's share of the k nearest neighbours' votes.</summary>
    public IReadOnlyDictionary<string, double> Probabilities(float[] features)
    {
        var q = Standardise(features);
        var nearest = points.Select((p, i) => (Distance: Distance(p, q), i)).OrderBy(x => x.Distance).ThenBy(x => x.i).Take(k);
        return nearest.GroupBy(x => labels[x.i]).ToDictionary(g => g.Key, g => g.Count() / (double)k, StringComparer.Ordinal);
    }

    private double[] Standardise(float[] f)
    {
        var r = new double[f.Length];
        for (var j = 0; j < f.Length; j++)
        {
            r[j] = (f[j] - mean[j]) * scale[j];
        }

        return r;
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
