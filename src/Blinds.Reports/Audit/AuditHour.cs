namespace Blinds.Reports.Audit;

/// <summary>Bytes in one hour of the day on the home's clock (the audit's time zone), all days added up.</summary>
/// <param name="Hour">0..23.</param>
/// <param name="BytesUp">Up.</param>
/// <param name="BytesDown">Down.</param>
public sealed record AuditHour(int Hour, long BytesUp, long BytesDown);
