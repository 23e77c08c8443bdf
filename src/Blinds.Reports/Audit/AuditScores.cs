namespace Blinds.Reports.Audit;

/// <summary>Attack scores against ground truth, each beside chance.</summary>
/// <param name="Identification">Rate k-NN per observer.</param>
/// <param name="ActivityF1">Activity detection F1 (LAN).</param>
/// <param name="ActivityChanceRecall">Recall of random detections.</param>
/// <param name="NamedRight">Share of matched activities named right.</param>
/// <param name="Grid">Paper 002 Fig. 4: LAN rate identification for each window w and sample s (k = 3).</param>
public sealed record AuditScores(IReadOnlyList<AuditIdentification> Identification, double? ActivityF1, double? ActivityChanceRecall, double? NamedRight, IReadOnlyList<AuditGridCell> Grid);
