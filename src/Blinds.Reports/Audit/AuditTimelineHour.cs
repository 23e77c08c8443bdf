namespace Blinds.Reports.Audit;

/// <summary>Internet bytes in one hour of the capture (a timeline over the whole capture, not folded onto one day).</summary>
/// <param name="Start">The hour's start (ISO 8601 UTC).</param>
/// <param name="BytesUp">Sent.</param>
/// <param name="BytesDown">Received.</param>
public sealed record AuditTimelineHour(string Start, long BytesUp, long BytesDown);
