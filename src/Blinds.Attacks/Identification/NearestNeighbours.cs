namespace Blinds.Attacks.Identification;

/// <summary>
/// k-nearest-neighbours on feature vectors, Euclidean distance after log-scaling (rates span orders of magnitude: a
/// camera's hundreds of KB/s and a plug's bytes per second would otherwise make every small device look alike).
/// Ties between classes go to the class of the nearest neighbour among them. Hand-written: a few dozen lines that
/// no well-kept .NET package offers without pulling in a whole ML framework.
/// </summary>
public sealed class NearestNeighbours
{
    private static readonly Comparer<(double Distance, int Label)> Comparer = Comparer<(double Distance, int Label)>.Create((a, b) => a.Distance.CompareTo(b.Distance));

    // The scaled training points one after another (dimensions values each): a scan over one array instead of one
    // small array per point, which made the cross-validated grids (paper 002 Fig. 4) wait on memory.
    private readonly double[] points;
    private readonly int dimensions;
    private readonly int[] labels;
    private readonly int k;

    // Per block of consecutive points, the box they lie in (low and high per dimension), or NaN where a value is not
    // finite: a block whose box is no nearer than the k-th neighbour so far cannot change the answer and is skipped.
    // Points keep their order, so the scan takes the very same steps on every point it looks at.
    private readonly double[] boxes;

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

        dimensions = points[0].Length;
        this.points = new double[points.Count * dimensions];
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Length != dimensions)
            {
                throw new ArgumentException("every point has the same number of features", nameof(points));
            }

            Scale(points[i], this.points.AsSpan(i * dimensions, dimensions));
        }

        this.labels = [.. labels];
        this.k = Math.Min(k, points.Count);
        boxes = Boxes(this.points, dimensions);
    }

    private const int Block = 32;

    /// <summary>The predicted label of <paramref name="x"/>.</summary>
    public int Predict(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != dimensions)
        {
            throw new ArgumentException($"{dimensions} features expected", nameof(x));
        }

        Span<double> q = stackalloc double[dimensions];
        Scale(x, q);
        var best = new (double Distance, int Label)[k];
        var n = 0;
        var all = points.AsSpan();
        for (var i = 0; i < labels.Length; i++)
        {
            if (i % Block == 0 && n == k && Nearest(i / Block, q) >= best[k - 1].Distance)
            {
                i += Block - 1;
                continue;
            }

            double d;
            if (dimensions == 2)
            {
                // Paper 002's features (mean, deviation): the loop below unrolled, the same sums in the same order.
                var d0 = all[2 * i] - q[0];
                var d1 = all[(2 * i) + 1] - q[1];
                d = (d0 * d0) + (d1 * d1);
            }
            else
            {
                d = Distance(all.Slice(i * dimensions, dimensions), q);
            }

            if (n < k)
            {
                best[n++] = (d, labels[i]);
                Array.Sort(best, 0, n, Comparer);
            }
            else if (d < best[k - 1].Distance)
            {
                // The same sort as before on the same few entries: ties among equally near neighbours keep the
                // order they always had, so every figure built on this classifier stays exactly what it was.
                best[k - 1] = (d, labels[i]);
                Array.Sort(best, 0, k, Comparer);
            }
        }

        // Majority vote; between tied classes, the one whose nearest member comes first wins. A loop over the k
        // neighbours: grouping and sorting them per query allocated about 2 KB a query, hundreds of megabytes when
        // an audit scores weeks of windows (the GC let that pile up to the audit's peak memory).
        var (vote, votes) = (best[0].Label, 0);
        for (var i = 0; i < n; i++)
        {
            var label = best[i].Label;
            var first = true;
            var count = 0;
            for (var j = 0; j < n && first; j++)
            {
                if (best[j].Label == label)
                {
                    first = j >= i;
                    count++;
                }
            }

            if (first && count > votes)
            {
                (vote, votes) = (label, count);
            }
        }

        return vote;
    }

    private static double[] Boxes(double[] points, int dimensions)
    {
        var count = points.Length / dimensions;
        var boxes = new double[(count + Block - 1) / Block * 2 * dimensions];
        for (var b = 0; b * Block < count; b++)
        {
            var box = boxes.AsSpan(b * 2 * dimensions, 2 * dimensions);
            for (var j = 0; j < dimensions; j++)
            {
                (box[2 * j], box[(2 * j) + 1]) = (double.PositiveInfinity, double.NegativeInfinity);
            }

            for (var i = b * Block; i < Math.Min(count, (b + 1) * Block); i++)
            {
                for (var j = 0; j < dimensions; j++)
                {
                    var v = points[(i * dimensions) + j];
                    (box[2 * j], box[(2 * j) + 1]) = double.IsFinite(v) ? (Math.Min(box[2 * j], v), Math.Max(box[(2 * j) + 1], v)) : (double.NaN, double.NaN);
                }
            }
        }

        return boxes;
    }

    // A lower bound of the distance from q to every point of block b, never above any of them (rounding is
    // monotonic, so the nearest face of the box gives a square no larger than any point's); 0 when the box is unknown.
    private double Nearest(int b, ReadOnlySpan<double> q)
    {
        double s = 0;
        for (var j = 0; j < dimensions; j++)
        {
            var (low, high) = (boxes[(b * 2 * dimensions) + (2 * j)], boxes[(b * 2 * dimensions) + (2 * j) + 1]);
            if (double.IsNaN(low) || !double.IsFinite(q[j]))
            {
                return 0;
            }

            var d = q[j] < low ? low - q[j] : q[j] > high ? q[j] - high : 0;
            s += d * d;
        }

        return s;
    }

    private static void Scale(double[] x, Span<double> into)
    {
        for (var i = 0; i < x.Length; i++)
        {
            into[i] = Math.Log(1 + Math.Max(0, x[i]));
        }
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
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
