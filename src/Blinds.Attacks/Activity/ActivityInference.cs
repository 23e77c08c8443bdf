using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;

namespace Blinds.Attacks.Activity;

/// <summary>Activity inference on an observer's view: detect bursts in every entity's rates, name them by the entity's kind.</summary>
public static class ActivityInference
{
    /// <summary>Every entity's named bursts, in time order. <paramref name="kindOf"/> gives what the observer believes each entity is.</summary>
    public static IReadOnlyList<InferredActivity> Infer(ObserverView view, Func<ObservedEntity, DeviceKind> kindOf, EventDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(kindOf);
        return view.Entities.Where(e => e.Rates is not null)
            .SelectMany(e => ActivityNamer.Name(EventDetector.Detect(e.Device, e.Rates!, options), kindOf(e), e.Rates!.FirstActiveNs ?? long.MinValue).Select(n => new InferredActivity(e, n)))
            .OrderBy(a => a.StartNs)
            .ToArray();
    }
}
