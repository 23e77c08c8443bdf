using Blinds.Traffic;

namespace Blinds.Attacks.Identification;

/// <summary>Accuracy of a classifier by stratified k-fold cross-validation, with its spread over folds and the chance level.</summary>
/// <param name="Accuracy">Mean accuracy over folds.</param>
/// <param name="Low">Lower end of the 95% confidence interval over folds (Student t).</param>
/// <param name="High">Upper end.</param>
/// <param name="Chance">Accuracy of always guessing the most common class.</param>
/// <param name="Samples">Feature vectors evaluated.</param>
/// <param name="Classes">Distinct labels.</param>
/// <param name="Folds">Folds used (fewer than asked when a class has fewer samples).</param>
public sealed record CrossValidationResult(double Accuracy, double Low, double High, double Chance, int Samples, int Classes, int Folds)
{
    /// <summary>The classes in the order of <see cref="Confusion"/>'s rows and columns.</summary>
    public IReadOnlyList<int> ClassLabels { get; init; } = [];

    /// <summary>Test predictions summed over folds: row = true class, column = predicted class.</summary>
    public IReadOnlyList<int[]> Confusion { get; init; } = [];

    /// <summary>Feature vectors there were; more than <see cref="Samples"/> when a stratified sample was scored.</summary>
    public int Available { get; init; }
}

/// <summary>Stratified k-fold cross-validation with a seeded shuffle: every run with the same seed gives the same folds.</summary>
public static class CrossValidation
{
    // Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// Evaluates k-NN on (<paramref name="points"/>, <paramref name="labels"/>); beyond <paramref name="maxSamples"/>
    /// points, on a stratified seeded sample of them (<see cref="StratifiedSample"/>).
    /// </summary>
    public static CrossValidationResult KNearest(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, int k, int folds = 10, int seed = 1, int maxSamples = StratifiedSample.DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        var available = labels.Count;
        if (labels.Count > maxSamples)
        {
            var keep = StratifiedSample.Indices(labels, maxSamples, seed);
            points = keep.Select(i => points[i]).ToArray();
            labels = keep.Select(i => labels[i]).ToArray();
        }

        var byClass = labels.Select((l, i) => (l, i)).GroupBy(x => x.l).ToArray();
        var smallest = byClass.Min(g => g.Count());
        folds = Math.Max(2, Math.Min(folds, smallest));
        var rng = new Random(seed);
        var fold = new int[labels.Count];
        foreach (var g in byClass.OrderBy(g => g.Key))
        {
            var idx = g.Select(x => x.i).ToArray();
            rng.Shuffle(idx);
            for (var j = 0; j < idx.Length; j++)
            {
                fold[idx[j]] = j % folds;
            }
        }

        var classes = byClass.Select(g => g.Key).Order().ToArray();
        var confusion = classes.Select(_ => new int[classes.Length]).ToArray();
        var accuracies = new double[folds];
        var perFold = new int[folds][][];

        // The folds are independent (each its own model and test set), so they run on several cores; each keeps its
        // own confusion counts, added up after in fold order: the result is the one a loop over the folds gives.
        var (xs, ys) = (points, labels);
        Parallelism.For(folds, f =>
        {
            var train = Enumerable.Range(0, ys.Count).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, ys.Count).Where(i => fold[i] == f).ToArray();
            var model = new NearestNeighbours(train.Select(i => xs[i]).ToArray(), train.Select(i => ys[i]).ToArray(), k);
            var mine = classes.Select(_ => new int[classes.Length]).ToArray();
            var correct = 0;
            foreach (var i in test)
            {
                var predicted = model.Predict(xs[i]);
                mine[Array.BinarySearch(classes, ys[i])][Array.BinarySearch(classes, predicted)]++;
                correct += predicted == ys[i] ? 1 : 0;
            }

            accuracies[f] = correct / (double)test.Length;
            perFold[f] = mine;
        });

        foreach (var mine in perFold)
        {
            for (var r = 0; r < classes.Length; r++)
            {
                for (var c = 0; c < classes.Length; c++)
                {
                    confusion[r][c] += mine[r][c];
                }
            }
        }

        var mean = accuracies.Average();
        var sd = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (folds - 1));
        var half = T975[Math.Min(folds - 1, T975.Length) - 1] * sd / Math.Sqrt(folds);
        var chance = byClass.Max(g => g.Count()) / (double)labels.Count;
        return new CrossValidationResult(mean, Math.Max(0, mean - half), Math.Min(1, mean + half), chance, labels.Count, byClass.Length, folds)
        {
            ClassLabels = classes,
            Confusion = confusion,
            Available = available,
        };
    }
}
