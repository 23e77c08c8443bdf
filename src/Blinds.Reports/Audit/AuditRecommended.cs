namespace Blinds.Reports.Audit;

/// <summary>The one recommended action and its price.</summary>
/// <param name="Defence">In words.</param>
/// <param name="Spec">As `blinds simulate --defence` takes it.</param>
/// <param name="UpRate">Padding rate up, bytes/s (0 when not padded).</param>
/// <param name="DownRate">Padding rate down, bytes/s (0 when not padded).</param>
/// <param name="GbPerMonth">Extra data a month.</param>
/// <param name="MoneyPerMonth">Extra money a month (data-cap blocks it adds).</param>
/// <param name="Breaks">Devices it slows beyond what they work with.</param>
/// <param name="PrivacyLeft">What the ISP's attacks still get with it.</param>
/// <param name="WithinBudget">Its cost is within the budget.</param>
/// <param name="Command">The exact `blinds shape` command; null when `blinds shape` does not deploy it.</param>
/// <param name="Why">Why this one, in words.</param>
public sealed record AuditRecommended(string Defence, string Spec, double UpRate, double DownRate, double GbPerMonth, double MoneyPerMonth, IReadOnlyList<string> Breaks, AuditPrivacyLeft PrivacyLeft, bool WithinBudget, string? Command, string Why)
{
    /// <summary>The typed plan simulated and deployed (<see cref="Spec"/> is its canonical text); not in the JSON, which has the text.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Defences.Specs.DefencePlan Plan { get; init; } = Defences.Specs.DefencePlan.None;
}
