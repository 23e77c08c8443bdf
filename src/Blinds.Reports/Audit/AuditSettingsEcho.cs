namespace Blinds.Reports.Audit;

/// <summary>The settings behind the report's figures, as the report shows them.</summary>
/// <param name="BudgetGbPerMonth">The most a defence may add, GB a month.</param>
/// <param name="BudgetMoneyPerMonth">The budget in money, when given so (else null).</param>
/// <param name="BudgetSource">Where the budget comes from, in words.</param>
/// <param name="CapGb">Monthly data cap, GB.</param>
/// <param name="PricePerBlock">Price of each block over the cap.</param>
/// <param name="BlockGb">Size of each block over the cap, GB.</param>
/// <param name="UplinkKbPerSecond">Upload capacity, KB/s.</param>
/// <param name="TimeZone">The home's clock (IANA zone).</param>
/// <param name="Tolerances">Where the delay tolerances come from.</param>
/// <param name="SettingsFile">The settings file read, if any.</param>
public sealed record AuditSettingsEcho(double BudgetGbPerMonth, double? BudgetMoneyPerMonth, string BudgetSource, double CapGb, double PricePerBlock, double BlockGb, double UplinkKbPerSecond, string TimeZone, string Tolerances, string? SettingsFile);
