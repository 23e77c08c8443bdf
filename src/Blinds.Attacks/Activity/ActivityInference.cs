using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Activity;

/// <summary>Activity inference on an observer's view: detect bursts in every entity's rates, name them by the entity's kind.</summary>
public static class ActivityInference
{
    /// <summary>Every entity's named bursts, in time order. <paramref name="kindOf"/> gives what the observer believes each entity is.</summary>
    public static IReadOnlyList<InferredActivity> Infer(ObserverView view, Func<ObservedEntity, DeviceKind> kindOf, EventDetectorOptions? options = null) =>
        Infer(view, kindOf, (device, series) => EventDetector.Detect(device, series, options));

    /// <summary>
    /// As <see cref="Infer(ObserverView, Func{ObservedEntity, DeviceKind}, EventDetectorOptions?)"/>, with
    /// <paramref name="detect"/> finding each entity's bursts (a caller that scores one series in several views can
    /// keep what it found). Entities are independent, so they are detected on several cores; the result is entity by
    /// entity, then sorted stably by start, whatever the cores did.
    /// </summary>
    public static IReadOnlyList<InferredActivity> Infer(ObserverView view, Func<ObservedEntity, DeviceKind> kindOf, Func<MacAddress, RateSeries, IReadOnlyList<DetectedEvent>> detect)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(kindOf);
        ArgumentNullException.ThrowIfNull(detect);
        var entities = view.Entities.Where(e => e.Rates is not null).ToArray();
        var kinds = entities.Select(kindOf).ToArray();
        var each = new InferredActivity[entities.Length][];
        Parallelism.For(entities.Length, i =>
        {
            var e = entities[i];
            each[i] = ActivityNamer.Name(detect(e.Device, e.Rates!), kinds[i], e.Rates!.FirstActiveNs ?? long.MinValue).Select(n => new InferredActivity(e, n)).ToArray();
        });

        return each.SelectMany(a => a).OrderBy(a => a.StartNs).ToArray();
    }
}
