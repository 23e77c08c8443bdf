using Blinds.Attacks.Observers;

namespace Blinds.Attacks.Identification;

/// <summary>What an observer concludes about one entity, with the evidence behind it.</summary>
/// <param name="Entity">The station or stream.</param>
/// <param name="Label">The best signature label, or null when nothing matched well enough.</param>
/// <param name="Kind">The label's kind (camera, plug, ...), when the signatures say.</param>
/// <param name="Confidence">The signature score (0..1) of the label given, or of the best label when none was.</param>
/// <param name="Vendor">The MAC's OUI vendor, when the observer sees a globally administered MAC.</param>
/// <param name="Evidence">Facts the observer used, one per line, in plain words.</param>
public sealed record EntityIdentity(ObservedEntity Entity, string? Label, string? Kind, double Confidence, string? Vendor, IReadOnlyList<string> Evidence);
