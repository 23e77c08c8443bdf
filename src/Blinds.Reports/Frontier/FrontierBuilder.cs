using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;

namespace Blinds.Reports.Frontier;

/// <summary>`blinds frontier` as a library call: one knob of a plan swept, each setting simulated and attacked.</summary>
public static class FrontierBuilder
{
    /// <summary>Runs every setting of <paramref name="knob"/> on <paramref name="plan"/> over <paramref name="input"/>.</summary>
    public static FrontierModel Build(ExperimentInput input, DefencePlan plan, Sweep knob)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(knob);
        var margin = input.Privacy.Margin;
        var baseline = DefenceExperiment.Baseline(input);
        var results = knob.Values().Select(v => (Value: v, Result: DefenceExperiment.Run(input, knob.Apply(plan, v), baseline))).ToArray();
        var best = results.Where(x => x.Result.Usable(margin)).OrderBy(x => x.Result.Cost.OverheadBytes).Select(x => (double?)x.Value).FirstOrDefault();
        return new FrontierModel(
            plan.ToString(),
            knob.Key,
            new FrontierScores(baseline.Accuracy, baseline.AccuracyChance, baseline.NameAccuracy, baseline.NameChance, baseline.F1, baseline.ChanceF1),
            results.Select(x => Point(x.Value, knob.Format(x.Value), x.Result, margin)).ToArray(),
            best is { } b ? knob.Format(b) : null);
    }

    private static FrontierPoint Point(double value, string setting, ExperimentResult r, double margin)
    {
        var c = r.Cost;
        var a = r.After;
        return new FrontierPoint(
            value,
            setting,
            r.Plan.ToString(),
            DefenceShaper.Of(r.Plan),
            c.OverheadBytesPerSecond / 1e3,
            c.OverheadUpBytesPerSecond / 1e3,
            c.OverheadDownBytesPerSecond / 1e3,
            c.OverheadGbPerMonth,
            c.CapShare,
            c.MoneyOverCap,
            c.DelayMean,
            c.DelayMax,
            c.Drops,
            a.Accuracy,
            a.AccuracyChance,
            a.NameAccuracy,
            a.NameChance,
            a.F1,
            a.ChanceF1,
            a.AtChance(margin),
            r.Broken.Select(m => m.ToString()).ToArray(),
            r.Usable(margin));
    }
}
