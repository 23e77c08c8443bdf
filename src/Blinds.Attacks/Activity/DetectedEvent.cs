using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Activity;

/// <summary>A burst of traffic an observer attributes to a user's action.</summary>
/// <param name="StartNs">First second of the burst.</param>
/// <param name="EndNs">End of its last second.</param>
/// <param name="Device">The station whose traffic rose.</param>
/// <param name="Bytes">Bytes in the burst above the baseline.</param>
/// <param name="PeakRatio">Busiest second over the threshold: how clear the burst is.</param>
/// <param name="Confidence">0.5 at the threshold, towards 1 for bursts far above it.</param>
public sealed record DetectedEvent(long StartNs, long EndNs, MacAddress Device, long Bytes, double PeakRatio, double Confidence);
