using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Leaks;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Reports.Identify;

/// <summary>What one observer's view tells about each entity, scored against labels when given: `blinds identify` as a library call.</summary>
public static class IdentifyBuilder
{
    /// <summary>Identifies every entity of <paramref name="view"/>.</summary>
    /// <param name="view">The observer's view.</param>
    /// <param name="trace">The trace behind it, for the LAN's MAC linking and leaks; null for flow records.</param>
    /// <param name="signatures">Name signatures.</param>
    /// <param name="traffic">The traffic classifier's probabilities per entity, or null.</param>
    /// <param name="labels">Ground truth by device, or null.</param>
    /// <param name="evaluation">Rate-attack settings for the score.</param>
    /// <param name="showSecrets">Keep credentials in leaks instead of redacting them.</param>
    /// <param name="groups">Labels a model learned from one MAC, reported together (may be null).</param>
    /// <param name="novelty">How unlike a model's training traffic each entity's is (may be null).</param>
    public static IdentifyModel Build(
        ObserverView view,
        Trace? trace,
        NameSignatures signatures,
        Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? traffic,
        IReadOnlyDictionary<MacAddress, string>? labels,
        ViewEvaluationOptions evaluation,
        bool showSecrets,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? groups = null,
        Func<ObservedEntity, double?>? novelty = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(evaluation);
        var lan = view.Kind == ObserverKind.Lan && trace is not null;
        var oui = view.Kind == ObserverKind.Isp ? null : OuiDatabase.For(view.Entities.Where(e => e.Mac is not null).Select(e => e.Mac!.Value));
        var identities = DeviceIdentifier.Identify(view, signatures, oui, traffic, groups, novelty);
        var score = labels is null ? null : ViewEvaluation.Evaluate(view, labels, evaluation);
        string? Truth(ObservedEntity e) => labels is not null && labels.TryGetValue(e.Device, out var n) ? n : null;
        return new IdentifyModel(
            view.Kind.ToString().ToLowerInvariant(),
            view.Notes,
            identities.Select(i => Entity(i, Truth(i.Entity))).ToArray(),
            score is null ? null : Score(score, evaluation),
            lan ? MacLinker.Link(trace!).Select(l => new IdentifyLinked(l.Macs.Select(m => m.ToString()).ToArray(), l.Evidence, l.Confidence)).ToArray() : [],
            lan ? LeakFinder.Find(trace!, showSecrets).Select(l => new IdentifyLeak(l.Device.ToString(), l.Kind, l.Evidence, l.Count)).ToArray() : []);
    }

    private static IdentifiedEntity Entity(EntityIdentity i, string? truth) => new(
        i.Entity.Id,
        i.Entity.Mac?.ToString(),
        i.Entity.Remote?.ToString(),
        truth,
        i.Label,
        i.Tied,
        i.Kind.TextOrNull(),
        Math.Round(i.Confidence, 3),
        i.Vendor,
        i.Evidence,
        i.Entity.Names.Names.Order(StringComparer.Ordinal).Take(20).ToArray(),
        i.Entity.Names.DhcpHostNames.ToArray(),
        i.Entity.Names.DhcpVendorClasses.ToArray(),
        i.Entity.Names.DhcpParameterLists.ToArray(),
        i.Entity.Rates?.TotalBytes ?? 0)
    {
        Guess = i.Guess,
    };

    private static IdentifyScore Score(ViewEvaluationResult score, ViewEvaluationOptions evaluation) => new(
        score.Labels,
        score.Windows,
        score.SilentWindows,
        score.Rates is not { } cv ? null : new IdentifyRateScore(
            evaluation.WindowSeconds,
            evaluation.SampleSeconds,
            evaluation.K,
            cv.Accuracy,
            [cv.Low, cv.High],
            cv.Chance,
            cv.Samples,
            cv.Folds,
            cv.ClassLabels.Select(c => score.Labels[c]).ToArray(),
            cv.Confusion),
        score.Names is not { } ne ? null : new IdentifyNameScore(ne.Accuracy, [ne.Low, ne.High], ne.Chance, ne.Evaluated, ne.Correct, ne.Unlearnable));
}
