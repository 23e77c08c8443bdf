namespace Blinds.Attacks.Activity;

/// <summary>A detected burst with the user activity it most likely was.</summary>
/// <param name="Event">The burst.</param>
/// <param name="Activity">toggle, motion, live_view, question, in_bed, out_of_bed, ... or "activity" for a device of unknown kind.</param>
/// <param name="Confidence">The burst's confidence times how sure the naming rule is.</param>
public sealed record NamedEvent(DetectedEvent Event, string Activity, double Confidence);
