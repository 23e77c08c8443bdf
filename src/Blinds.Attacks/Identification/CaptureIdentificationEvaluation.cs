using System.Globalization;

namespace Blinds.Attacks.Identification;

/// <summary>One labelled capture of one device: what it named and its traffic features.</summary>
/// <param name="Label">The device (the dataset's folder or labels file).</param>
/// <param name="Source">The capture file.</param>
/// <param name="Names">Its names and DHCP facts.</param>
/// <param name="Features">Its <see cref="TrafficProfile"/> vector.</param>
public sealed record CaptureObservation(string Label, string Source, DeviceNames Names, float[] Features);

/// <summary>How one method did over all the captures.</summary>
/// <param name="Name">names, knn, fasttree, lightgbm, names+lightgbm.</param>
/// <param name="Strict">Share of captures whose first label is the truth.</param>
/// <param name="Grouped">Share whose reported labels (a tie or group) hold the truth.</param>
/// <param name="MeanGroup">Mean number of labels reported when any was.</param>
/// <param name="Silent">Share right (strict) among captures whose names matched no signature.</param>
/// <param name="PerLabel">Right (strict) and total captures per label.</param>
/// <param name="Confusions">Wrong first labels: (truth, guess) → captures.</param>
public sealed record MethodResult(string Name, double Strict, double Grouped, double MeanGroup, double Silent, IReadOnlyDictionary<string, (int Right, int Total)> PerLabel, IReadOnlyDictionary<(string Truth, string Guess), int> Confusions);

/// <summary>Everything <see cref="CaptureIdentificationEvaluation.Run"/> measured.</summary>
/// <param name="Captures">Captures evaluated.</param>
/// <param name="Labels">Distinct labels.</param>
/// <param name="Folds">Folds (the number of captures: leave one capture out).</param>
/// <param name="Chance">Share of the most common label.</param>
/// <param name="SilentCaptures">Captures whose names matched no signature learned from the others.</param>
/// <param name="Methods">One result per method.</param>
public sealed record CaptureEvaluationResult(int Captures, int Labels, int Folds, double Chance, int SilentCaptures, IReadOnlyList<MethodResult> Methods)
{
    /// <summary>The results as lines of "a | b | c" for the results script.</summary>
    public IEnumerable<string> Lines()
    {
        static string P(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        yield return $"captures {Captures} | labels {Labels} | folds {Folds} | chance {P(Chance)} | silent {SilentCaptures}";
        foreach (var m in Methods)
        {
            yield return $"method {m.Name} | strict {P(m.Strict)} | grouped {P(m.Grouped)} | mean labels {m.MeanGroup.ToString("0.00", CultureInfo.InvariantCulture)} | silent {P(m.Silent)}";
        }

        foreach (var label in Methods[0].PerLabel.Keys.Order(StringComparer.Ordinal))
        {
            yield return $"label {label} | " + string.Join(" | ", Methods.Select(m => $"{m.PerLabel[label].Right}/{m.PerLabel[label].Total}"));
        }

        foreach (var m in Methods)
        {
            foreach (var ((t, g), n) in m.Confusions.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Truth, StringComparer.Ordinal).Take(8))
            {
                yield return $"confusion {m.Name} | {t} -> {g} | {n}";
            }
        }
    }
}

/// <summary>
/// Identification of labelled captures by names, by traffic (k-NN on standardised features, ML.NET FastTree and
/// LightGBM) and by both, each capture scored by models that never saw it: leave one capture out when
/// <c>folds</c> equals the number of captures, else stratified seeded folds.
/// </summary>
public static class CaptureIdentificationEvaluation
{
    /// <summary>Neighbours of the traffic k-NN.</summary>
    public const int K = 3;

    /// <summary>Runs every method over <paramref name="observations"/>.</summary>
    public static CaptureEvaluationResult Run(IReadOnlyList<CaptureObservation> observations, int folds, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var n = observations.Count;
        var fold = Folds(observations, folds, seed);
        var k = fold.Max() + 1;
        string[] methods = ["names", "knn", "fasttree", "lightgbm", "names+lightgbm"];
        var guesses = methods.ToDictionary(m => m, _ => new IReadOnlyList<string>[n], StringComparer.Ordinal);
        var silent = new bool[n];
        var signatures = new NameSignatures();
        foreach (var o in observations)
        {
            signatures.Learn(o.Label, o.Names);
        }

        for (var f = 0; f < k; f++)
        {
            var test = Enumerable.Range(0, n).Where(i => fold[i] == f).ToArray();
            if (test.Length == 0)
            {
                continue;
            }

            var train = Enumerable.Range(0, n).Where(i => fold[i] != f).ToArray();
            var x = train.Select(i => observations[i].Features).ToArray();
            var y = train.Select(i => observations[i].Label).ToArray();
            var light = TrafficClassifier.Train(x, y, TrafficLearner.LightGbm, seed);
            var fast = TrafficClassifier.Train(x, y, TrafficLearner.FastTree, seed);
            var knn = new StandardisedNeighbours(x, y, K);
            foreach (var i in test)
            {
                signatures.Forget(observations[i].Label, observations[i].Names);
            }

            foreach (var i in test)
            {
                var o = observations[i];
                var names = signatures.Match(o.Names);
                silent[i] = names.Labels.Count == 0;
                var p = light.Probabilities(o.Features);
                guesses["names"][i] = names.Labels;
                guesses["knn"][i] = Group(knn.Probabilities(o.Features));
                guesses["fasttree"][i] = Group(fast.Probabilities(o.Features));
                guesses["lightgbm"][i] = Group(p);
                guesses["names+lightgbm"][i] = CombinedIdentification.Combine(names, p).Labels;
            }

            foreach (var i in test)
            {
                signatures.Learn(observations[i].Label, observations[i].Names);
            }
        }

        var results = methods.Select(m => Score(m, observations, guesses[m], silent)).ToArray();
        var chance = observations.GroupBy(o => o.Label).Max(g => g.Count()) / (double)n;
        return new CaptureEvaluationResult(n, observations.Select(o => o.Label).Distinct().Count(), k, chance, silent.Count(s => s), results);
    }

    private static string[] Group(IReadOnlyDictionary<string, double> p) => CombinedIdentification.Combine(NameMatch.None(0), p).Labels.ToArray();

    private static MethodResult Score(string method, IReadOnlyList<CaptureObservation> observations, IReadOnlyList<string>[] guesses, bool[] silent)
    {
        var perLabel = observations.Select(o => o.Label).Distinct().ToDictionary(l => l, _ => (0, 0), StringComparer.Ordinal);
        var confusions = new Dictionary<(string, string), int>();
        int strict = 0, grouped = 0, reported = 0, labels = 0, silentRight = 0;
        for (var i = 0; i < observations.Count; i++)
        {
            var truth = observations[i].Label;
            var g = guesses[i];
            var ok = g.Count > 0 && g[0] == truth;
            strict += ok ? 1 : 0;
            grouped += g.Contains(truth) ? 1 : 0;
            reported += g.Count > 0 ? 1 : 0;
            labels += g.Count;
            silentRight += silent[i] && ok ? 1 : 0;
            var (r, t) = perLabel[truth];
            perLabel[truth] = (r + (ok ? 1 : 0), t + 1);
            if (!ok)
            {
                var key = (truth, g.Count > 0 ? g[0] : "(nothing)");
                confusions[key] = confusions.GetValueOrDefault(key) + 1;
            }
        }

        var n = (double)observations.Count;
        var silentCount = silent.Count(s => s);
        return new MethodResult(method, strict / n, grouped / n, reported == 0 ? 0 : labels / (double)reported, silentCount == 0 ? 0 : silentRight / (double)silentCount, perLabel, confusions);
    }

    // Leave one out, or each label's captures dealt round-robin into folds after a seeded shuffle.
    private static int[] Folds(IReadOnlyList<CaptureObservation> observations, int folds, int seed)
    {
        var n = observations.Count;
        if (folds >= n)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var rng = new Random(seed);
        var fold = new int[n];
        foreach (var g in observations.Select((o, i) => (o.Label, i)).GroupBy(x => x.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var idx = g.Select(x => x.i).ToArray();
            rng.Shuffle(idx);
            for (var j = 0; j < idx.Length; j++)
            {
                fold[idx[j]] = j % folds;
            }
        }

        return fold;
    }
}
