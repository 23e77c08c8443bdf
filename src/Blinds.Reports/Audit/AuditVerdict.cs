namespace Blinds.Reports.Audit;

/// <summary>The report's opening, in plain words: what outsiders learn about the home and the one thing to do about it.</summary>
/// <param name="Summary">Two or three sentences a person reads first.</param>
/// <param name="Observers">Per observer (the ISP, a Wi-Fi neighbour, anyone on the LAN): the devices it can identify and the routines it can infer.</param>
/// <param name="Recommended">The one recommended action; null when nothing needs hiding or nothing fits.</param>
/// <param name="IfTooMuch">What to do if the recommendation costs or breaks too much.</param>
public sealed record AuditVerdict(string Summary, IReadOnlyList<AuditObserverVerdict> Observers, AuditRecommended? Recommended, string IfTooMuch);
