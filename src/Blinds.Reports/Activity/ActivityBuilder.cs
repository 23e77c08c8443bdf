using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Activity;

/// <summary>`blinds activity` as a library call: bursts in an observer's view, named by device kind, scored against labels.</summary>
public static class ActivityBuilder
{
    /// <summary>
    /// Infers the activities in <paramref name="view"/>. Each entity's kind is its type in <paramref name="types"/>
    /// (the user's devices file), else what <paramref name="signatures"/> make of its names; <paramref name="names"/>
    /// labels devices; <paramref name="labelled"/> (with <paramref name="durationNs"/>, the capture's span) scores them.
    /// </summary>
    public static ActivityModel Build(
        ObserverView view,
        NameSignatures signatures,
        IReadOnlyDictionary<MacAddress, string> names,
        IReadOnlyDictionary<MacAddress, DeviceKind> types,
        IReadOnlyList<LabelledEvent>? labelled,
        TimeSpan tolerance,
        EventDetectorOptions detector,
        long durationNs)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(types);
        var identities = DeviceIdentifier.Identify(view, signatures, null).ToDictionary(i => i.Entity);
        DeviceKind KindOf(ObservedEntity e) => e.Mac is { } m && types.TryGetValue(m, out var t) ? t : identities[e].Kind;
        var inferred = ActivityInference.Infer(view, KindOf, detector);
        var events = inferred.Select(a => new ActivityEvent(
            Formatting.Time(a.Named.Event.StartNs),
            Formatting.Time(a.Named.Event.EndNs),
            a.Entity.Id,
            names.GetValueOrDefault(a.Entity.Device),
            KindOf(a.Entity).TextOrNull(),
            a.Named.Activity.Text(),
            Math.Round(a.Named.Confidence, 3),
            a.Named.Event.Bytes,
            Math.Round(a.Named.Event.Score, 4))
        {
            StartNs = a.Named.Event.StartNs,
            EndNs = a.Named.Event.EndNs,
        }).ToArray();
        var scores = labelled is null ? null : ActivityScore.Score(inferred, labelled, names, tolerance, durationNs);
        return new ActivityModel(
            view.Kind.ToString().ToLowerInvariant(),
            events,
            scores?.Where(s => s.Device != "home").Select(Score).ToArray(),
            scores?.Single(s => s.Device == "home") is { } h ? Score(h) : null,
            tolerance.TotalSeconds);
    }

    private static ActivityDeviceScore Score(DeviceActivityScore s) =>
        new(s.Device, s.Events.Truth, s.Events.Detected, s.Events.Matched, s.Events.Precision, s.Events.Recall, s.Events.F1, s.Events.ChanceRecall, s.NamedRight, s.NamingAccuracy);
}
