using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Evaluation;

/// <summary>A true activity: when, and the MACs of the device it belongs to (a randomising phone has several).</summary>
/// <param name="TimeNs">When it started.</param>
/// <param name="Macs">The device's MACs.</param>
public sealed record TruthEvent(long TimeNs, IReadOnlySet<MacAddress> Macs);
