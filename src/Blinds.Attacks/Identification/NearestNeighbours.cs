namespace Blinds.Attacks.Identification;

/// <summary>
/// k-nearest-neighbours on feature vectors, Euclidean distance after log-scaling (rates span orders of magnitude: a
/// camera's hundreds of KB/s and a plug's bytes per second would otherwise make every small device look alike).
/// Ties between classes go to the class of the nearest neighbour among them. Hand-written: a few dozen lines that
/// no well-kept .NET package offers without pulling in a whole ML framework.
/// </summary>
public sealed class NearestNeighbours
{
    private readonly double[][] points;
    private readonly int[] labels;
    private readonly int k;

    /// <summary>Keeps the training set.</summary>
    public NearestNeighbours(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (points.Count != labels.Count || points.Count == 0)
        {
            throw new ArgumentException("one label per point, and at least one point", nameof(labels));
        }

        this.points = points.Select(Scale).ToArray();
        this.labels = [.. labels];
        this.k = Math.Min(k, points.Count);
    }

    /// <summary>The predicted label of <paramref name="x"/>.</summary>
    public int Predict(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var q = Scale(x);
        var best = new (double Distance, int Label)[k];
        var n = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var d = Distance(points[i], q);
            if (n < k)
            {
                best[n++] = (d, labels[i]);
                Array.Sort(best, 0, n, Comparer);
            }
            else if (d < best[k - 1].Distance)
            {
                best[k - 1] = (d, labels[i]);
                Array.Sort(best, 0, k, Comparer);
            }
        }

        // Majority vote; between tied classes, the one whose nearest member comes first wins.
        return best.Take(n)
            .Select((b, rank) => (b.Label, rank))
            .GroupBy(b => b.Label)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(b => b.rank))
            .First().Key;
    }

    private static readonly Comparer<(double Distance, int Label)> Comparer = Comparer<(double Distance, int Label)>.Create((a, b) => a.Distance.CompareTo(b.Distance));

    private static double[] Scale(double[] x) => x.Select(v => Math.Log(1 + Math.Max(0, v))).ToArray();

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            s += d * d;
        }

        return s;
    }
}
