namespace Blinds.Reports.Audit;

/// <summary>One cell of the w × s table.</summary>
/// <param name="WindowSeconds">w.</param>
/// <param name="SampleSeconds">s.</param>
/// <param name="Accuracy">10-fold cross-validated accuracy.</param>
/// <param name="Chance">Majority class.</param>
public sealed record AuditGridCell(int WindowSeconds, int SampleSeconds, double Accuracy, double Chance);
