namespace Blinds.Reports.Audit;

/// <summary>What one observer learns.</summary>
/// <param name="Observer">isp, wifi or lan.</param>
/// <param name="Who">Who that is, in words.</param>
/// <param name="Identifies">Devices it can name, with their kind and how.</param>
/// <param name="Routines">Routines it can infer from when devices talk.</param>
/// <param name="Words">One sentence: what it learns.</param>
public sealed record AuditObserverVerdict(string Observer, string Who, IReadOnlyList<AuditIdentified> Identifies, IReadOnlyList<AuditRoutine> Routines, string Words);
