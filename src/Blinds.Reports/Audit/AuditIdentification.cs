namespace Blinds.Reports.Audit;

/// <summary>Rate identification by one observer.</summary>
/// <param name="Observer">lan, isp or wifi.</param>
/// <param name="Accuracy">Cross-validated accuracy.</param>
/// <param name="Low">95% interval over folds, lower end.</param>
/// <param name="High">Upper end.</param>
/// <param name="Chance">Majority class.</param>
public sealed record AuditIdentification(string Observer, double Accuracy, double Low, double High, double Chance);
