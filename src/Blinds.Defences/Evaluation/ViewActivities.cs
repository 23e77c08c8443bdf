using System.Runtime.CompilerServices;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Series;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// <see cref="ActivityInference.Infer"/> for the audit's many views: the same activities in the same order, with each
/// entity's bursts found on several cores (entities are independent), and each series' bursts found once however
/// many views hold it (the undefended ISP view is scored as the defences' baseline and again for the verdict's
/// routines; detection depends on the series alone, naming on the kind). Default detector settings only.
/// </summary>
public static class ViewActivities
{
    private static readonly ConditionalWeakTable<RateSeries, Found> Cache = [];

    /// <summary>Every entity's named bursts, in time order: what <see cref="ActivityInference.Infer"/> gives.</summary>
    public static IReadOnlyList<InferredActivity> Infer(ObserverView view, Func<ObservedEntity, DeviceKind> kindOf)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(kindOf);
        var entities = view.Entities.Where(e => e.Rates is not null).ToArray();
        var kinds = entities.Select(kindOf).ToArray();
        var each = new InferredActivity[entities.Length][];
        Parallelism.For(entities.Length, i =>
        {
            var e = entities[i];
            each[i] = ActivityNamer.Name(Detect(e.Device, e.Rates!), kinds[i], e.Rates!.FirstActiveNs ?? long.MinValue).Select(n => new InferredActivity(e, n)).ToArray();
        });

        // Entity by entity, then a stable sort by start: Infer's order exactly.
        return each.SelectMany(a => a).OrderBy(a => a.StartNs).ToArray();
    }

    private static IReadOnlyList<DetectedEvent> Detect(MacAddress device, RateSeries series)
    {
        if (Cache.TryGetValue(series, out var found) && found.Device == device && found.Count == series.Count && found.Stored == series.StoredBytes)
        {
            return found.Events;
        }

        var events = EventDetector.Detect(device, series);
        Cache.AddOrUpdate(series, new Found(device, series.Count, series.StoredBytes, events));
        return events;
    }

    private sealed record Found(MacAddress Device, int Count, long Stored, IReadOnlyList<DetectedEvent> Events);
}
