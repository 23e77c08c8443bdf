using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// Re-runs the attacks on what an observer sees (issue 5: privacy is measured, not claimed).
/// Identification: the attacker's library is every labelled device's own rate windows from the undefended trace
/// (what it learned in its lab); each non-empty window of each observed entity is classified by k-NN and scored
/// against the device with the most real bytes in that window among those inside the entity. Chance is always
/// naming the device most often behind a window. Activities: bursts found in each entity must fall within the
/// tolerance of a true activity of a device inside it. The same method scores the undefended view, so the two
/// figures compare.
/// </summary>
public static class PrivacyEvaluation
{
    /// <summary>
    /// Scores <paramref name="view"/> against <paramref name="truth"/>; <paramref name="labels"/> names devices (null:
    /// each MAC is its own). The rate attack learns each device from <paramref name="learned"/>, the observer's own
    /// undefended view (a radio counts frames, not IP packets); null: each device's internet rates.
    /// </summary>
    public static PrivacyScore Score(ObserverView view, Trace original, IReadOnlyDictionary<MacAddress, string>? labels, IReadOnlyList<TruthEvent> truth, PrivacyOptions? options = null, ObserverView? learned = null) =>
        Score(view, original, labels, truth, options, out _, learned);

    /// <summary>As <see cref="Score(ObserverView, Trace, IReadOnlyDictionary{MacAddress, string}?, IReadOnlyList{TruthEvent}, PrivacyOptions?, ObserverView?)"/>, also giving the bursts the detector found, for <see cref="Rescore"/>.</summary>
    public static PrivacyScore Score(ObserverView view, Trace original, IReadOnlyDictionary<MacAddress, string>? labels, IReadOnlyList<TruthEvent> truth, PrivacyOptions? options, out IReadOnlyList<InferredActivity> detections, ObserverView? learned = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(truth);
        options ??= new PrivacyOptions();
        return Score(view, Learn(original, labels, options, learned), original, labels, truth, options, out detections);
    }

    /// <summary>
    /// What the attacker learns of <paramref name="original"/> before it sees a defended view (its lab): each
    /// device's rate windows, its k-NN model and real bytes per window, and the names of the undefended streams. It
    /// depends on the trace, the labels and the options alone, so several views are scored against one.
    /// </summary>
    internal static AttackerLibrary Learn(Trace original, IReadOnlyDictionary<MacAddress, string>? labels, PrivacyOptions options, ObserverView? learned = null) =>
        new(LearnRates(original, labels, options, learned), LearnNames(original, labels));

    /// <summary>As <see cref="Score(ObserverView, Trace, IReadOnlyDictionary{MacAddress, string}?, IReadOnlyList{TruthEvent}, PrivacyOptions?, out IReadOnlyList{InferredActivity}, ObserverView?)"/> with the attacker's <paramref name="library"/> learned already (<see cref="Learn"/> with the same trace, labels and options).</summary>
    internal static PrivacyScore Score(ObserverView view, AttackerLibrary library, Trace original, IReadOnlyDictionary<MacAddress, string>? labels, IReadOnlyList<TruthEvent> truth, PrivacyOptions options, out IReadOnlyList<InferredActivity> detections)
    {
        var (accuracy, low, high, chance, windows) = Identification(view, library.Rates, labels, options);
        detections = Detections(view);
        var (names, nameChance, streams) = Names(view, library.Names, labels);
        return WithActivities(new PrivacyScore(accuracy, low, high, chance, windows, 0, 0, 0, 0, 0, names, nameChance, streams), detections, original, truth, options);
    }

    /// <summary>
    /// <paramref name="scored"/> (a <see cref="Score(ObserverView, Trace, IReadOnlyDictionary{MacAddress, string}?, IReadOnlyList{TruthEvent}, PrivacyOptions?, out IReadOnlyList{InferredActivity}, ObserverView?)"/> of a view, with its <paramref name="detections"/>) against another
    /// <paramref name="truth"/>: identification by rates and names does not depend on the truth, so only the
    /// activities are matched again. The same figures as scoring the view anew against that truth.
    /// </summary>
    public static PrivacyScore Rescore(PrivacyScore scored, IReadOnlyList<InferredActivity> detections, Trace original, IReadOnlyList<TruthEvent> truth, PrivacyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(truth);
        return WithActivities(scored, detections, original, truth, options ?? new PrivacyOptions());
    }

    private static PrivacyScore WithActivities(PrivacyScore scored, IReadOnlyList<InferredActivity> detections, Trace original, IReadOnlyList<TruthEvent> truth, PrivacyOptions options)
    {
        var (detected, matched) = Activities(detections, truth, options);
        var duration = Math.Max(1, (original.LastNs ?? 0) - (original.FirstNs ?? 0));
        var p = 2.0 * options.Tolerance.TotalNanoseconds / duration;
        var chanceRecall = Math.Min(1, detected * p);
        var chancePrecision = Math.Min(1, truth.Count * p);
        var chanceF1 = chanceRecall + chancePrecision == 0 ? 0 : 2 * chanceRecall * chancePrecision / (chanceRecall + chancePrecision);
        return scored with { Truth = truth.Count, Detected = detected, Matched = matched, ChanceRecall = chanceRecall, ChanceF1 = chanceF1 };
    }

    // The attacker's name library: every undefended stream's DNS/SNI name with the device behind it (names are
    // stable, so a lab learns them once). Streams that show no name count as not identified.
    private static NameSignatures LearnNames(Trace original, IReadOnlyDictionary<MacAddress, string>? labels)
    {
        string? LabelOf(MacAddress m) => labels is null ? m.ToString() : labels.GetValueOrDefault(m);
        var signatures = new NameSignatures();
        foreach (var e in Observer.Project(original, ObserverKind.Isp).Entities)
        {
            if (!e.Names.IsEmpty && LabelOf(e.Device) is { } l)
            {
                signatures.Learn(l, e.Names);
            }
        }

        return signatures;
    }

    private static (double Accuracy, double Chance, int Streams) Names(ObserverView view, NameSignatures signatures, IReadOnlyDictionary<MacAddress, string>? labels)
    {
        string? LabelOf(MacAddress m) => labels is null ? m.ToString() : labels.GetValueOrDefault(m);
        var scored = view.Entities.Where(e => e.Contributors.Count > 0 && e.Device != default && LabelOf(e.Device) is not null).ToArray();
        if (scored.Length == 0)
        {
            return (0, 0, 0);
        }

        var correct = scored.Count(e => !e.Names.IsEmpty && signatures.Identify(e.Names).Label == LabelOf(e.Device));
        var chance = scored.GroupBy(e => LabelOf(e.Device)).Max(g => g.Count()) / (double)scored.Length;
        return (correct / (double)scored.Length, chance, scored.Length);
    }

    /// <summary>
    /// The truth a defence is judged by: the labelled <paramref name="events"/> when they and the devices'
    /// <paramref name="labels"/> are given, else <see cref="LeakedActivities"/>.
    /// </summary>
    public static IReadOnlyList<TruthEvent> Truth(Trace original, IReadOnlyList<LabelledEvent>? events, IReadOnlyDictionary<MacAddress, string>? labels) =>
        events is null || labels is null ? LeakedActivities(original) : TruthEvent.FromLabels(events, labels);

    /// <summary>
    /// The activities an observer on the LAN finds in the undefended trace: the truth when no labels are given
    /// ("what leaks now"), so that a defence is judged by how much of today's leak it stops.
    /// </summary>
    public static IReadOnlyList<TruthEvent> LeakedActivities(Trace original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return ViewActivities.Infer(Observer.Project(original, ObserverKind.Lan), _ => DeviceKind.Unknown)
            .Where(a => a.Named.Activity != ActivityKind.Startup)
            .Select(a => new TruthEvent(a.StartNs, new HashSet<MacAddress> { a.Entity.Device }))
            .ToArray();
    }

    private static RateLibrary? LearnRates(Trace original, IReadOnlyDictionary<MacAddress, string>? labels, PrivacyOptions options, ObserverView? learned)
    {
        string LabelOf(MacAddress m) => labels is not null && labels.TryGetValue(m, out var n) ? n : m.ToString();
        var library = (learned is null ? original.HomeDevices.Select(d => (d.Mac, d.Rates)) : learned.Entities.Select(e => (Mac: e.Device, e.Rates)))
            .Where(d => d.Rates is not null && (labels is null || labels.ContainsKey(d.Mac))).ToArray();
        var names = library.Select(d => LabelOf(d.Mac)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var classOf = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var trainX = new List<double[]>();
        var trainY = new List<int>();
        var perSample = Math.Max(1, options.SampleSeconds);
        var windowSamples = options.WindowSeconds / perSample;
        var deviceWindows = new Dictionary<MacAddress, long[]>();
        foreach (var d in library)
        {
            foreach (var f in RateWindows.Features(d.Rates!, options.SampleSeconds, options.WindowSeconds))
            {
                if (f[0] > 0)
                {
                    trainX.Add(f);
                    trainY.Add(classOf[LabelOf(d.Mac)]);
                }
            }

            // Real bytes per window, to tell whose traffic a mixed window mostly is.
            var samples = d.Rates!.SampleBytes((int)(perSample * 1_000_000_000L / d.Rates.BinNs));
            var w = new long[samples.Length / Math.Max(1, windowSamples)];
            for (var i = 0; i < w.Length * windowSamples; i++)
            {
                w[i / windowSamples] += samples[i];
            }

            deviceWindows[d.Mac] = w;
        }

        if (trainX.Count == 0 || names.Count < 2)
        {
            return null;
        }

        // The library on weeks of windows would make every prediction slow: a stratified sample of it, seeded.
        var keep = StratifiedSample.Indices(trainY, StratifiedSample.DefaultMax, seed: 1);
        var model = keep.Length == trainY.Count
            ? new NearestNeighbours(trainX, trainY, options.K)
            : new NearestNeighbours(keep.Select(i => trainX[i]).ToArray(), keep.Select(i => trainY[i]).ToArray(), options.K);
        return new RateLibrary(model, classOf, deviceWindows);
    }

    private static (double Accuracy, double Low, double High, double Chance, int Windows) Identification(ObserverView view, RateLibrary? library, IReadOnlyDictionary<MacAddress, string>? labels, PrivacyOptions options)
    {
        if (library is null)
        {
            return (0, 0, 0, 0, 0);
        }

        string LabelOf(MacAddress m) => labels is not null && labels.TryGetValue(m, out var n) ? n : m.ToString();
        var (model, classOf, deviceWindows) = (library.Model, library.ClassOf, library.DeviceWindows);
        var correct = 0;
        var tested = 0;
        var truthCounts = new Dictionary<int, int>();
        var queries = new List<(double[] Features, int Truth)>();
        foreach (var e in view.Entities.Where(e => e.Rates is not null))
        {
            var inside = e.Contributors.Where(deviceWindows.ContainsKey).ToArray();
            if (inside.Length == 0)
            {
                continue;
            }

            var features = RateWindows.Features(e.Rates!, options.SampleSeconds, options.WindowSeconds);
            var real = Array.ConvertAll(inside, m => deviceWindows[m]);
            for (var w = 0; w < features.Count; w++)
            {
                if (features[w][0] <= 0)
                {
                    continue;
                }

                // The device with the most real bytes in the window, the lowest MAC of a tie: a loop, not a sort per
                // window (on the 22-day audit's 158 undefended streams the sorts allocated 55 of the 350 MB of scoring them).
                var (owner, ownerBytes) = (default(MacAddress), 0L);
                for (var j = 0; j < inside.Length; j++)
                {
                    var bytes = w < real[j].Length ? real[j][w] : 0;
                    if (bytes > ownerBytes || (bytes > 0 && bytes == ownerBytes && inside[j] < owner))
                    {
                        (owner, ownerBytes) = (inside[j], bytes);
                    }
                }

                if (ownerBytes == 0)
                {
                    continue; // nothing real in this window: cover alone belongs to no device
                }

                var truth = classOf[LabelOf(owner)];
                tested++;
                truthCounts[truth] = truthCounts.GetValueOrDefault(truth) + 1;
                queries.Add((features[w], truth));
            }

            // Each window is classified on its own against the same library: on several cores, a count either way.
            correct += CountCorrect(model, queries);
            queries.Clear();
        }

        if (tested == 0)
        {
            return (0, 0, 0, 0, 0);
        }

        var (low, high) = ViewEvaluation.Wilson(correct, tested);
        return (correct / (double)tested, low, high, truthCounts.Values.Max() / (double)tested, tested);
    }

    private static int CountCorrect(NearestNeighbours model, List<(double[] Features, int Truth)> queries)
    {
        var correct = 0;
        Parallel.For(0, queries.Count, Parallelism.Options, () => 0, (i, _, mine) => mine + (model.Predict(queries[i].Features) == queries[i].Truth ? 1 : 0), mine => Interlocked.Add(ref correct, mine));
        return correct;
    }

    // The bursts the activity attack finds in a view, startups left out, in time order.
    private static InferredActivity[] Detections(ObserverView view) =>
        ViewActivities.Infer(view, _ => DeviceKind.Unknown).Where(a => a.Named.Activity != ActivityKind.Startup).OrderBy(a => a.StartNs).ToArray();

    private static (int Detected, int Matched) Activities(IReadOnlyList<InferredActivity> detections, IReadOnlyList<TruthEvent> truth, PrivacyOptions options)
    {
        var tol = (long)options.Tolerance.TotalNanoseconds;
        var sorted = truth.OrderBy(t => t.TimeNs).ToArray();
        var used = new bool[sorted.Length];
        var matched = 0;
        foreach (var d in detections)
        {
            var best = -1;
            for (var i = 0; i < sorted.Length; i++)
            {
                if (used[i] || Math.Abs(sorted[i].TimeNs - d.StartNs) > tol || !sorted[i].Macs.Overlaps(d.Entity.Contributors))
                {
                    continue;
                }

                if (best < 0 || Math.Abs(sorted[i].TimeNs - d.StartNs) < Math.Abs(sorted[best].TimeNs - d.StartNs))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                matched++;
            }
        }

        return (detections.Count, matched);
    }

    // The rate attack's knowledge: the k-NN model, each label's class and each device's real bytes per window.
    internal sealed record RateLibrary(NearestNeighbours Model, Dictionary<string, int> ClassOf, Dictionary<MacAddress, long[]> DeviceWindows);

    /// <summary>What the attacker learned of the undefended trace (<see cref="Learn"/>): read only, shared by views scored at once.</summary>
    internal sealed record AttackerLibrary(RateLibrary? Rates, NameSignatures Names);
}
