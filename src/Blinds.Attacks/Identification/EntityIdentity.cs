using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;

namespace Blinds.Attacks.Identification;

/// <summary>What an observer concludes about one entity, with the evidence behind it.</summary>
/// <param name="Entity">The station or stream.</param>
/// <param name="Label">The best signature label (the first of <see cref="Tied"/> when several tie), or null when nothing matched well enough.</param>
/// <param name="Kind">The label's kind (camera, plug, ...), <see cref="DeviceKind.Unknown"/> when the signatures do not say.</param>
/// <param name="Confidence">The label's share of the score (0..1): the score split between tied labels; the best score when no label was given.</param>
/// <param name="Vendor">The MAC's OUI vendor, when the observer sees a globally administered MAC.</param>
/// <param name="Evidence">Facts the observer used, one per line, in plain words.</param>
public sealed record EntityIdentity(ObservedEntity Entity, string? Label, DeviceKind Kind, double Confidence, string? Vendor, IReadOnlyList<string> Evidence)
{
    /// <summary>Every label the evidence cannot split (twins), <see cref="Label"/> first; empty when there is no label.</summary>
    public IReadOnlyList<string> Tied { get; init; } = Label is null ? [] : [Label];

    /// <summary>
    /// When the device is "unknown" (open set: the best guess scored below the threshold), the labels it came
    /// closest to, best first; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Guess { get; init; } = [];

    /// <summary>The label as shown: "A | B" for a group of tied labels, null when there is none.</summary>
    public string? Shown => Tied.Count > 1 ? string.Join(" | ", Tied) : Label;
}
