using Blinds.Attacks.Kinds;

namespace Blinds.Attacks.Activity;

/// <summary>A detected burst with the user activity it most likely was.</summary>
/// <param name="Event">The burst.</param>
/// <param name="Activity">What the burst was, by the device's kind (<see cref="ActivityKind.Activity"/> for a device of unknown kind).</param>
/// <param name="Confidence">The burst's confidence times how sure the naming rule is.</param>
public sealed record NamedEvent(DetectedEvent Event, ActivityKind Activity, double Confidence);
