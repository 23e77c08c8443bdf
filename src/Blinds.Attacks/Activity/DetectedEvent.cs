using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Activity;

/// <summary>A burst of traffic an observer attributes to a user's action.</summary>
/// <param name="StartNs">First second of the burst.</param>
/// <param name="EndNs">End of its last second.</param>
/// <param name="Device">The station whose traffic rose.</param>
/// <param name="Bytes">Bytes in the burst above the baseline.</param>
/// <param name="PeakRatio">Busiest second over the threshold: how clear the burst is.</param>
/// <param name="Confidence">The probability that the burst is a user's activity: <see cref="Score"/> through a logistic map fit by leave-one-capture-out.</param>
public sealed record DetectedEvent(long StartNs, long EndNs, MacAddress Device, long Bytes, double PeakRatio, double Confidence)
{
    /// <summary>log10 of the burst's bytes over the device's unit (threshold or heartbeat envelope times the factor): what the confidence is calibrated on.</summary>
    public double Score { get; init; }
}
