namespace Blinds.Attacks.Identification;

/// <summary>
/// Feature vectors standardised by a training set's mean and deviation, per feature: the traffic features mix
/// shares, byte sizes and logarithms, so distances between raw vectors would be the byte sizes'. A feature with no
/// spread in training counts for nothing.
/// </summary>
internal sealed class FeatureStandardisation
{
    private FeatureStandardisation(double[] mean, double[] scale) => (Mean, Scale) = (mean, scale);

    /// <summary>Each feature's training mean.</summary>
    public double[] Mean { get; }

    /// <summary>Each feature's factor: one over its training deviation, 0 when it has none.</summary>
    public double[] Scale { get; }

    /// <summary>The standardisation of <paramref name="features"/> (at least one vector, all of one length).</summary>
    public static FeatureStandardisation Fit(IReadOnlyList<float[]> features)
    {
        var d = features[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            var m = features.Average(f => (double)f[j]);
            var sd = Math.Sqrt(features.Average(f => (f[j] - m) * (f[j] - m)));
            mean[j] = m;
            scale[j] = sd > 1e-12 ? 1 / sd : 0;
        }

        return new FeatureStandardisation(mean, scale);
    }

    /// <summary>A standardisation read back from a model file (the caller checks the lengths agree).</summary>
    public static FeatureStandardisation Of(double[] mean, double[] scale) => new(mean, scale);

    /// <summary><paramref name="f"/> standardised; features beyond the training's are left at 0.</summary>
    public double[] Apply(float[] f)
    {
        var r = new double[f.Length];
        for (var j = 0; j < f.Length && j < Mean.Length; j++)
        {
            r[j] = (f[j] - Mean[j]) * Scale[j];
        }

        return r;
    }
}
