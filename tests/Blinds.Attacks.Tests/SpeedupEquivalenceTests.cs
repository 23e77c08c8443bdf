using Blinds.Attacks.Identification;

using FsCheck.Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>
/// Issue 16 item 5: the classifier and the rate windows were reworked for speed (one flat array, pruned blocks, folds on several cores, windows from stored bins); every figure built
/// on it (paper 002 Fig. 4, the defences' scores) must stay exactly what it was. The reference below is the
/// previous classifier, line for line; the data is drawn from few values so that equal distances (ties) are common.
/// </summary>
public class SpeedupEquivalenceTests
{
    [Property(MaxTest = 200)]
    public bool Predictions_equal_the_previous_classifier_ties_included(int seed, byte kRaw, bool threeFeatures)
    {
        var rng = new Random(seed);
        var dims = threeFeatures ? 3 : 2;
        var n = 1 + rng.Next(300); // several blocks of 32 points: the pruned scan is exercised
        var points = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dims).Select(_ => (double)rng.Next(4) * 10).ToArray()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.Next(4)).ToArray();
        var k = 1 + (kRaw % 7);
        var fast = new NearestNeighbours(points, labels, k);
        var reference = new Reference(points, labels, k);
        for (var q = 0; q < 30; q++)
        {
            var x = Enumerable.Range(0, dims).Select(_ => (double)rng.Next(5) * 10).ToArray();
            if (fast.Predict(x) != reference.Predict(x))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 30)]
    public bool Cross_validation_on_several_cores_equals_the_reference_loop(int seed)
    {
        var rng = new Random(seed);
        var n = 20 + rng.Next(200);
        var points = Enumerable.Range(0, n).Select(_ => new[] { (double)rng.Next(6) * 100, (double)rng.Next(3) }).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var result = CrossValidation.KNearest(points, labels, 3, 10, seed);

        // The same folds as CrossValidation draws them, then the folds one by one with the reference classifier.
        var byClass = labels.Select((l, i) => (l, i)).GroupBy(x => x.l).ToArray();
        var folds = Math.Max(2, Math.Min(10, byClass.Min(g => g.Count())));
        var shuffle = new Random(seed);
        var fold = new int[n];
        foreach (var g in byClass.OrderBy(g => g.Key))
        {
            var idx = g.Select(x => x.i).ToArray();
            shuffle.Shuffle(idx);
            for (var j = 0; j < idx.Length; j++)
            {
                fold[idx[j]] = j % folds;
            }
        }

        var confusion = new int[3, 3];
        var accuracies = new double[folds];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, n).Where(i => fold[i] == f).ToArray();
            var model = new Reference(train.Select(i => points[i]).ToArray(), train.Select(i => labels[i]).ToArray(), 3);
            var correct = 0;
            foreach (var i in test)
            {
                var predicted = model.Predict(points[i]);
                confusion[labels[i], predicted]++;
                correct += predicted == labels[i] ? 1 : 0;
            }

            accuracies[f] = correct / (double)test.Length;
        }

        return result.Accuracy == accuracies.Average()
            && Enumerable.Range(0, 3).All(r => Enumerable.Range(0, 3).All(c => result.Confusion[r][c] == confusion[r, c]));
    }

    [Property(MaxTest = 200)]
    public bool Rate_windows_from_the_stored_bins_equal_the_dense_reference(int seed)
    {
        var rng = new Random(seed);
        var series = new Blinds.Traffic.Series.RateSeries(0, 1_000_000_000L);
        var seconds = 1 + rng.Next(2_000);
        for (var i = 0; i < rng.Next(300); i++)
        {
            series.Add(rng.NextInt64(seconds) * 1_000_000_000L, rng.Next(4) == 0 ? 0 : rng.Next(1, 100_000), rng.Next(2) == 0);
        }

        series.ExtendTo((seconds - 1) * 1_000_000_000L);
        foreach (var (sample, window) in new[] { (1, 60), (5, 60), (10, 300), (30, 600), (7, 7), (3, 21) })
        {
            // The features as computed before issue 16: every sample, zeros included, from the dense array.
            var samples = series.SampleBytes(sample);
            var per = window / sample;
            var expected = Enumerable.Range(0, series.Count / window).Select(w =>
            {
                double sum = 0, sumSq = 0;
                for (var s = w * per; s < (w + 1) * per; s++)
                {
                    double bytes = samples[s];
                    sum += bytes;
                    sumSq += bytes * bytes;
                }

                var mean = sum / per;
                return new[] { mean, Math.Sqrt(Math.Max(0, (sumSq / per) - (mean * mean))) };
            }).ToList();
            var actual = RateWindows.Features(series, sample, window);
            if (actual.Count != expected.Count || actual.Zip(expected).Any(p => p.First[0] != p.Second[0] || p.First[1] != p.Second[1]))
            {
                return false;
            }
        }

        return true;
    }

    // The classifier as it was before issue 16 (one array per point, the distance loop over it).
    private sealed class Reference(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int k)
    {
        private static readonly Comparer<(double Distance, int Label)> Comparer = Comparer<(double Distance, int Label)>.Create((a, b) => a.Distance.CompareTo(b.Distance));
        private readonly double[][] scaled = points.Select(Scale).ToArray();
        private readonly int k = Math.Min(k, points.Count);

        public int Predict(double[] x)
        {
            var q = Scale(x);
            var best = new (double Distance, int Label)[k];
            var n = 0;
            for (var i = 0; i < scaled.Length; i++)
            {
                double d = 0;
                for (var j = 0; j < q.Length; j++)
                {
                    var e = scaled[i][j] - q[j];
                    d += e * e;
                }

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

            return best.Take(n).Select((b, rank) => (b.Label, rank)).GroupBy(b => b.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(b => b.rank)).First().Key;
        }

        private static double[] Scale(double[] x) => x.Select(v => Math.Log(1 + Math.Max(0, v))).ToArray();
    }
}
