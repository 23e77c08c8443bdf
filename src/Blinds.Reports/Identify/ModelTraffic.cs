using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Identify;

/// <summary>
/// What a model's traffic classifier and novelty score say of each station, for <see cref="IdentifyBuilder.Build"/>.
/// The classifier learnt what a LAN observer sees of each station's own packets; an ISP's streams and a Wi-Fi
/// eavesdropper's frames are other data, so there only the model's names are used (both answers are null).
/// </summary>
public static class ModelTraffic
{
    /// <summary>The classifier's label probabilities and the novelty score per entity of <paramref name="view"/>, or
    /// nulls where the model has no classifier or the observer is not the LAN.</summary>
    /// <param name="model">The model, or null for none.</param>
    /// <param name="kind">The observer.</param>
    /// <param name="paths">The captures, read again for the stations' traffic profiles.</param>
    /// <param name="view">What the observer sees.</param>
    public static (Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? Traffic, Func<ObservedEntity, double?>? Novelty) Of(IdentificationModel? model, ObserverKind kind, string[] paths, ObserverView view)
    {
        if (model?.Traffic is not { } classifier || kind != ObserverKind.Lan)
        {
            return (null, null);
        }

        var profiles = TrafficProfiler.Read(paths, view.Entities.Where(e => e.Mac is not null).Select(e => e.Mac!.Value).ToHashSet());
        float[]? Vector(ObservedEntity e) => e.Mac is MacAddress m && profiles.TryGetValue(m, out var p) && p.Packets > 0 ? p.Vector() : null;
        return (e => Vector(e) is { } v ? classifier.Probabilities(v) : null, model.Novelty is { } n ? e => Vector(e) is { } v ? n.Score(v) : null : null);
    }
}
