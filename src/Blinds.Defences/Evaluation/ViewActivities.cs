using System.Runtime.CompilerServices;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Series;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// <see cref="ActivityInference"/> for the audit's many views: each series' bursts found once however many views
/// hold it (the undefended ISP view is scored as the defences' baseline and again for the verdict's
/// routines; detection depends on the series alone, naming on the kind). Default detector settings only.
/// </summary>
public static class ViewActivities
{
    private static readonly ConditionalWeakTable<RateSeries, Found> Cache = [];

    /// <summary>Every entity's named bursts, in time order: what <see cref="ActivityInference.Infer(ObserverView, Func{ObservedEntity, DeviceKind}, EventDetectorOptions?)"/> gives.</summary>
    public static IReadOnlyList<InferredActivity> Infer(ObserverView view, Func<ObservedEntity, DeviceKind> kindOf) =>
        ActivityInference.Infer(view, kindOf, Detect);

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
