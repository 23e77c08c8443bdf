namespace Blinds.Reports.Audit;

/// <summary>An inferred activity.</summary>
/// <param name="Time">Start (ISO 8601 UTC).</param>
/// <param name="Device">Device name.</param>
/// <param name="Activity">toggle, motion, ...</param>
/// <param name="Seconds">Length.</param>
/// <param name="Confidence">0..1.</param>
public sealed record AuditActivity(string Time, string Device, string Activity, double Seconds, double Confidence);
