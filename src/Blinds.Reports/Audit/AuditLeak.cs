namespace Blinds.Reports.Audit;

/// <summary>A local leak.</summary>
/// <param name="Device">Device.</param>
/// <param name="Kind">What.</param>
/// <param name="Evidence">Redacted evidence.</param>
/// <param name="Count">How often.</param>
public sealed record AuditLeak(string Device, string Kind, string Evidence, long Count);
