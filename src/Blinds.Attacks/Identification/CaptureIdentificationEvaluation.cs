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

/// <summary>
/// The open-set decision measured (issue 18): known captures scored by models that never saw them, "unknown"
/// captures by models that never saw their whole label (held out with the labels sharing its MAC), each fold's
/// parameters chosen on the other folds' captures only.
/// </summary>
/// <param name="KnownRightAccepted">Share of known captures given the right first label above the threshold.</param>
/// <param name="KnownRejected">Share of known captures called "unknown".</param>
/// <param name="UnknownRejected">Share of held-out-label captures called "unknown" (the right answer for them).</param>
/// <param name="UnknownCaptures">Held-out-label captures scored.</param>
/// <param name="LabelGroups">Groups of labels held out together.</param>
/// <param name="Chosen">The parameters chosen on all captures (what Blinds ships): cap, names-decide, unknown-below, novel-above.</param>
/// <param name="FoldChoices">How often each parameter triple was chosen by the folds.</param>
/// <param name="Curve">With the chosen cap and names-decide, for each threshold tried: known right and accepted, held-out labels called unknown (all captures).</param>
public sealed record OpenSetResult(double KnownRightAccepted, double KnownRejected, double UnknownRejected, int UnknownCaptures, int LabelGroups, (double Cap, double NamesDecide, double UnknownBelow, double NovelAbove) Chosen, IReadOnlyDictionary<(double Cap, double NamesDecide, double UnknownBelow, double NovelAbove), int> FoldChoices, IReadOnlyList<(double Threshold, double KnownRightAccepted, double UnknownRejected)> Curve);

/// <summary>Everything <see cref="CaptureIdentificationEvaluation.Run"/> measured.</summary>
/// <param name="Captures">Captures evaluated.</param>
/// <param name="Labels">Distinct labels.</param>
/// <param name="Folds">Folds (the number of captures: leave one capture out).</param>
/// <param name="Chance">Share of the most common label.</param>
/// <param name="SilentCaptures">Captures whose names matched no signature learned from the others.</param>
/// <param name="Methods">One result per method.</param>
/// <param name="OpenSet">The open-set decision of the combined method, when it was measured.</param>
public sealed record CaptureEvaluationResult(int Captures, int Labels, int Folds, double Chance, int SilentCaptures, IReadOnlyList<MethodResult> Methods, OpenSetResult? OpenSet = null)
{
    /// <summary>The results as lines of "a | b | c" for the results script.</summary>
    public IEnumerable<string> Lines()
    {
        static string P(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        static string F(double x) => x > 1 ? "never" : x.ToString("0.00", CultureInfo.InvariantCulture);
        yield return $"captures {Captures} | labels {Labels} | folds {Folds} | chance {P(Chance)} | silent {SilentCaptures}";
        foreach (var m in Methods)
        {
            yield return $"method {m.Name} | strict {P(m.Strict)} | grouped {P(m.Grouped)} | mean labels {m.MeanGroup.ToString("0.00", CultureInfo.InvariantCulture)} | silent {P(m.Silent)}";
        }

        if (OpenSet is { } o)
        {
            yield return $"openset | known right and accepted {P(o.KnownRightAccepted)} | known called unknown {P(o.KnownRejected)} | held-out labels called unknown {P(o.UnknownRejected)} ({o.UnknownCaptures} captures, {o.LabelGroups} groups of labels held out)";
            yield return $"chosen | option 55 cap {F(o.Chosen.Cap)} | names decide from specificity {F(o.Chosen.NamesDecide)} | unknown below {F(o.Chosen.UnknownBelow)} | traffic ignored above novelty {F(o.Chosen.NovelAbove)}";
            foreach (var (t, kr, ur) in o.Curve)
            {
                yield return $"curve | {F(t)} | {P(kr)} | {P(ur)}";
            }

            yield return "foldchoices | " + string.Join("; ", o.FoldChoices.OrderByDescending(kv => kv.Value).Select(kv => $"cap {F(kv.Key.Cap)}, decide {F(kv.Key.NamesDecide)}, unknown {F(kv.Key.UnknownBelow)}, novel {F(kv.Key.NovelAbove)}: {kv.Value} folds"));
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
/// <c>folds</c> equals the number of captures, else stratified seeded folds. The combined method's parameters (the
/// option 55 cap, when names decide, the open-set threshold) are chosen per fold on the other folds' captures,
/// against known captures and captures of labels held out whole (which must come out "unknown").
/// </summary>
public static class CaptureIdentificationEvaluation
{
    /// <summary>Neighbours of the traffic k-NN.</summary>
    public const int K = 3;

    /// <summary>Groups of labels held out whole for the open-set decision.</summary>
    public const int HeldOutGroups = 8;

    /// <summary>Option 55 caps tried (below <see cref="NameSignatures.MinScore"/>: a list alone names nothing).</summary>
    public static IReadOnlyList<double> Caps { get; } = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];

    /// <summary>Name specificities from which names decide, tried (above 1: never, the mean of names and traffic).</summary>
    public static IReadOnlyList<double> Decides { get; } = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0];

    /// <summary>Novelty scores above which traffic is ignored, tried (above 1: never).</summary>
    public static IReadOnlyList<double> Novelties { get; } = [0.8, 0.9, 0.95, 0.98, 0.99, 2.0];

    // Called "unknown" at threshold t: below it, or the traffic alone was novel (the guess is Unknown whatever t).
    private static bool Rejected(CombinedGuess g, double t) => g.Confidence < t || (g.Unknown && g.Novel);

    /// <summary>Open-set thresholds tried.</summary>
    public static IReadOnlyList<double> Thresholds { get; } = Enumerable.Range(0, 19).Select(i => i * 0.05).ToArray();

    /// <summary>Runs every method over <paramref name="observations"/>; <paramref name="groups"/> maps a label to the labels sharing its MAC (may be null).</summary>
    public static CaptureEvaluationResult Run(IReadOnlyList<CaptureObservation> observations, int folds, int seed = 1, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var n = observations.Count;
        var fold = Folds(observations, folds, seed);
        var k = fold.Max() + 1;
        string[] methods = ["names", "knn", "fasttree", "lightgbm", "names+lightgbm (mean, before)", "names+lightgbm"];
        var guesses = methods.ToDictionary(m => m, _ => new IReadOnlyList<string>[n], StringComparer.Ordinal);
        var probabilities = new IReadOnlyDictionary<string, double>[n];
        var novelty = new double[n];
        var unknownNovelty = new double[n];
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
            var novel = new TrafficNovelty(x);
            foreach (var i in test)
            {
                var o = observations[i];
                probabilities[i] = light.Probabilities(o.Features);
                novelty[i] = novel.Score(o.Features);
                guesses["knn"][i] = Group(knn.Probabilities(o.Features));
                guesses["fasttree"][i] = Group(fast.Probabilities(o.Features));
                guesses["lightgbm"][i] = Group(probabilities[i]);
            }
        }

        // Open set: whole labels (with those sharing their MAC) held out, in seeded groups.
        var unit = HeldOutUnits(observations, groups, seed);
        var unknownProbabilities = new IReadOnlyDictionary<string, double>?[n];
        for (var g = 0; g < unit.Max() + 1; g++)
        {
            var train = Enumerable.Range(0, n).Where(i => unit[i] != g).ToArray();
            if (train.Select(i => observations[i].Label).Distinct().Count() < 2)
            {
                continue;
            }

            var light = TrafficClassifier.Train(train.Select(i => observations[i].Features).ToArray(), train.Select(i => observations[i].Label).ToArray(), TrafficLearner.LightGbm, seed);
            var novel = new TrafficNovelty(train.Select(i => observations[i].Features).ToArray());
            foreach (var i in Enumerable.Range(0, n).Where(i => unit[i] == g))
            {
                unknownNovelty[i] = novel.Score(observations[i].Features);
                unknownProbabilities[i] = light.Probabilities(observations[i].Features);
            }
        }

        // Names for every cap, each capture matched against signatures without its fold (known) or its label group (unknown).
        var known = new NameMatch[Caps.Count][];
        var unknown = new NameMatch[Caps.Count][];
        for (var c = 0; c < Caps.Count; c++)
        {
            known[c] = MatchHeldOut(observations, fold, Caps[c]);
            unknown[c] = MatchHeldOut(observations, unit, Caps[c]);
        }

        var combos = (from c in Enumerable.Range(0, Caps.Count) from d in Decides from v in Novelties select (c, d, v)).ToArray();
        var knownGuess = combos.Select(cd => Enumerable.Range(0, n).Select(i => CombinedIdentification.Combine(known[cd.c][i], probabilities[i], new CombinationSettings(cd.d, 0, cd.v), groups, novelty[i])).ToArray()).ToArray();
        var unknownGuess = combos.Select(cd => Enumerable.Range(0, n).Select(i => CombinedIdentification.Combine(unknown[cd.c][i], unknownProbabilities[i], new CombinationSettings(cd.d, 0, cd.v), groups, unknownNovelty[i])).ToArray()).ToArray();

        // Per fold and parameter triple: known right-and-accepted, unknown rejected.
        double Balanced(int combo, double t, Func<int, bool> take) => Rates(combo, t, take).Known + Rates(combo, t, take).Unknown;

        (double Known, double Unknown) Rates(int combo, double t, Func<int, bool> take)
        {
            int kr = 0, kn = 0, ur = 0, un = 0;
            for (var i = 0; i < n; i++)
            {
                if (!take(i))
                {
                    continue;
                }

                var kg = knownGuess[combo][i];
                kn++;
                kr += kg.Label == observations[i].Label && !Rejected(kg, t) ? 1 : 0;
                if (unknownProbabilities[i] is not null)
                {
                    un++;
                    ur += Rejected(unknownGuess[combo][i], t) ? 1 : 0;
                }
            }

            return (kn == 0 ? 0 : kr / (double)kn, un == 0 ? 0 : ur / (double)un);
        }

        (int Combo, double T) Choose(Func<int, bool> take)
        {
            var best = (Combo: 0, T: 0.0, Value: double.MinValue);
            for (var c = 0; c < combos.Length; c++)
            {
                foreach (var t in Thresholds)
                {
                    var v = Balanced(c, t, take);
                    if (v > best.Value + 1e-12)
                    {
                        best = (c, t, v);
                    }
                }
            }

            return (best.Combo, best.T);
        }

        var choices = new Dictionary<(double, double, double, double), int>();
        int knownRight = 0, knownRejected = 0, unknownRejected = 0, unknownCount = 0;
        var silent = new bool[n];
        for (var f = 0; f < k; f++)
        {
            var (combo, t) = Choose(i => fold[i] != f);
            var key = (Caps[combos[combo].c], combos[combo].d, t, combos[combo].v);
            choices[key] = choices.GetValueOrDefault(key) + 1;
            foreach (var i in Enumerable.Range(0, n).Where(i => fold[i] == f))
            {
                var g = knownGuess[combo][i];
                guesses["names+lightgbm"][i] = g.Labels;
                guesses["names"][i] = known[combos[combo].c][i].Labels;
                silent[i] = known[combos[combo].c][i].Labels.Count == 0;
                knownRight += g.Label == observations[i].Label && !Rejected(g, t) ? 1 : 0;
                knownRejected += Rejected(g, t) ? 1 : 0;
                if (unknownProbabilities[i] is not null)
                {
                    unknownCount++;
                    unknownRejected += Rejected(unknownGuess[combo][i], t) ? 1 : 0;
                }
            }
        }

        // The rule before the open set: option 55 cap 0.5, names and traffic always averaged.
        var before = Array.FindIndex(combos, cd => Caps[cd.c] == 0.5 && cd.d > 1 && cd.v > 1);
        for (var i = 0; i < n; i++)
        {
            guesses["names+lightgbm (mean, before)"][i] = knownGuess[before][i].Labels;
        }

        var all = Choose(_ => true);
        var openSet = new OpenSetResult(
            knownRight / (double)n,
            knownRejected / (double)n,
            unknownCount == 0 ? 0 : unknownRejected / (double)unknownCount,
            unknownCount,
            unit.Max() + 1,
            (Caps[combos[all.Combo].c], combos[all.Combo].d, all.T, combos[all.Combo].v),
            choices,
            Thresholds.Select(t => (t, Rates(all.Combo, t, _ => true).Known, Rates(all.Combo, t, _ => true).Unknown)).ToArray());
        var results = methods.Select(m => Score(m, observations, guesses[m], silent)).ToArray();
        var chance = observations.GroupBy(o => o.Label).Max(g => g.Count()) / (double)n;
        return new CaptureEvaluationResult(n, observations.Select(o => o.Label).Distinct().Count(), k, chance, silent.Count(s => s), results, openSet);
    }

    // Each capture's names matched against signatures learned from the captures of the other parts.
    private static NameMatch[] MatchHeldOut(IReadOnlyList<CaptureObservation> observations, int[] part, double cap)
    {
        var signatures = new NameSignatures { ParameterListOnlyCap = cap };
        foreach (var o in observations)
        {
            signatures.Learn(o.Label, o.Names);
        }

        var result = new NameMatch[observations.Count];
        foreach (var p in part.Distinct())
        {
            var test = Enumerable.Range(0, observations.Count).Where(i => part[i] == p).ToArray();
            foreach (var i in test)
            {
                signatures.Forget(observations[i].Label, observations[i].Names);
            }

            foreach (var i in test)
            {
                result[i] = signatures.Match(observations[i].Names);
            }

            foreach (var i in test)
            {
                signatures.Learn(observations[i].Label, observations[i].Names);
            }
        }

        return result;
    }

    // Labels dealt into seeded groups, labels sharing a MAC kept together: every capture's group.
    private static int[] HeldOutUnits(IReadOnlyList<CaptureObservation> observations, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups, int seed)
    {
        var units = observations.Select(o => o.Label).Distinct().Order(StringComparer.Ordinal)
            .Select(l => groups is not null && groups.TryGetValue(l, out var g) ? g.Append(l).Order(StringComparer.Ordinal).First() : l)
            .Distinct().ToArray();
        new Random(seed).Shuffle(units);
        var groupOf = units.Select((u, i) => (u, i % Math.Min(HeldOutGroups, units.Length))).ToDictionary(x => x.u, x => x.Item2, StringComparer.Ordinal);
        return observations.Select(o => groupOf[groups is not null && groups.TryGetValue(o.Label, out var g) ? g.Append(o.Label).Order(StringComparer.Ordinal).First() : o.Label]).ToArray();
    }

    private static string[] Group(IReadOnlyDictionary<string, double> p) => CombinedIdentification.Combine(NameMatch.None(0), p, new CombinationSettings(2, 0), null).Labels.ToArray();

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
