using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Identification;

/// <summary>Settings of <see cref="ViewEvaluation"/>.</summary>
public sealed record ViewEvaluationOptions
{
    /// <summary>Sample length s, seconds.</summary>
    public int SampleSeconds { get; init; } = 10;

    /// <summary>Window length w, seconds.</summary>
    public int WindowSeconds { get; init; } = 300;

    /// <summary>Neighbours.</summary>
    public int K { get; init; } = 3;

    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; } = 10;

    /// <summary>Seed of the fold assignment.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Name identification scored by leaving each entity out: accuracy, its 95% Wilson interval, chance.</summary>
/// <param name="Evaluated">Entities with names whose label has at least one other entity to learn from.</param>
/// <param name="Correct">Of those, identified as their own device.</param>
/// <param name="Low">Lower end of the 95% Wilson interval.</param>
/// <param name="High">Upper end.</param>
/// <param name="Chance">Share of the most common label among the evaluated: the score of always guessing it.</param>
/// <param name="Unlearnable">Labelled entities with names but no other entity of the same device.</param>
public sealed record NameEvaluation(int Evaluated, int Correct, double Low, double High, double Chance, int Unlearnable)
{
    /// <summary>Correct / evaluated.</summary>
    public double Accuracy => Evaluated == 0 ? 0 : Correct / (double)Evaluated;
}

/// <summary>Everything <see cref="ViewEvaluation.Evaluate"/> measured.</summary>
/// <param name="Labels">Label names by class index (the rate result's class labels index this list).</param>
/// <param name="Rates">Rate-feature k-NN, stratified cross-validation over windows; null when there were too few.</param>
/// <param name="Names">Name identification, leave one entity out; null when no entity had names.</param>
/// <param name="Windows">Windows per label.</param>
public sealed record ViewEvaluationResult(IReadOnlyList<string> Labels, CrossValidationResult? Rates, NameEvaluation? Names, IReadOnlyDictionary<string, int> Windows)
{
    /// <summary>Windows left out of the rate attack because the entity sent and received nothing in them (<see cref="RateWindowSet"/>).</summary>
    public int SilentWindows { get; init; }
}

/// <summary>
/// Scores identification on an observer's view against labels (paper 002 §5.1; issue 4): the rate attack by k-NN
/// with stratified k-fold cross-validation over w-second windows, each labelled with the device behind its
/// entity; name signatures by leaving one entity out. The windows are <see cref="RateWindowSet"/>'s, the same as
/// `blinds fingerprint eval` scores: silent ones are left out and counted.
/// </summary>
public static class ViewEvaluation
{
    /// <summary>Evaluates; <paramref name="labels"/> maps devices to their ground-truth names.</summary>
    public static ViewEvaluationResult Evaluate(ObserverView view, IReadOnlyDictionary<MacAddress, string> labels, ViewEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new ViewEvaluationOptions();
        var labelled = view.Entities.Where(e => labels.ContainsKey(e.Device)).ToArray();
        var set = RateWindowSet.Build(labelled.Select(e => (e.Device, e.Rates)), labels, options.SampleSeconds, options.WindowSeconds);
        var rates = set.CanEvaluate ? CrossValidation.KNearest(set.Points, set.Classes, options.K, options.Folds, options.Seed) : null;
        return new ViewEvaluationResult(set.Labels, rates, Names(labelled, labels), set.PerLabel) { SilentWindows = set.Silent };
    }
    private static NameEvaluation? Names(ObservedEntity[] labelled, IReadOnlyDictionary<MacAddress, string> labels)
    {
        var withNames = labelled.Where(e => !e.Names.IsEmpty).ToArray();
        if (withNames.Length == 0)
        {
            return null;
        }

        var signatures = new NameSignatures();
        foreach (var e in withNames)
        {
            signatures.Learn(labels[e.Device], e.Names);
        }

        var perLabel = withNames.GroupBy(e => labels[e.Device]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int evaluated = 0, correct = 0;
        foreach (var e in withNames)
        {
            var truth = labels[e.Device];
            if (perLabel[truth] < 2)
            {
                continue;
            }

            signatures.Forget(truth, e.Names);
            evaluated++;
            correct += signatures.Identify(e.Names).Label == truth ? 1 : 0;
            signatures.Learn(truth, e.Names);
        }

        var (low, high) = Wilson(correct, evaluated);
        var chance = evaluated == 0 ? 0 : perLabel.Where(kv => kv.Value >= 2).Max(kv => kv.Value) / (double)evaluated;
        return new NameEvaluation(evaluated, correct, low, high, chance, withNames.Length - evaluated);
    }

    /// <summary>95% Wilson score interval of a proportion.</summary>
    public static (double Low, double High) Wilson(int successes, int n)
    {
        if (n == 0)
        {
            return (0, 0);
        }

        const double z = 1.959964;
        var p = successes / (double)n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
