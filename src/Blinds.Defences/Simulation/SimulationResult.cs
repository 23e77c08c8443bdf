using Blinds.Attacks.Observers;
using Blinds.Defences.Costs;
using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Simulation;

/// <summary>What a defence did to a capture: what the ISP now sees, and what it cost.</summary>
/// <param name="Plan">The defence.</param>
/// <param name="View">The ISP's view of the defended traffic.</param>
/// <param name="Cost">The running costs.</param>
/// <param name="Devices">The devices by index (as <see cref="Cost"/> counts them).</param>
/// <param name="StartNs">First packet of the capture.</param>
/// <param name="EndNs">Last packet of the capture.</param>
/// <param name="InjectedPeriods">Cover activity periods injected (STP, decoys).</param>
public sealed record SimulationResult(DefencePlan Plan, ObserverView View, CostMeter Cost, IReadOnlyList<MacAddress> Devices, long StartNs, long EndNs, int InjectedPeriods)
{
    /// <summary>Capture length in seconds.</summary>
    public double Seconds => Math.Max(1e-9, (EndNs - StartNs) / 1e9);
}
