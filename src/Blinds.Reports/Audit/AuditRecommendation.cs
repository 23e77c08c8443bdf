namespace Blinds.Reports.Audit;

/// <summary>What to deploy.</summary>
/// <param name="Defence">The defence's name.</param>
/// <param name="Why">In words.</param>
/// <param name="Command">The exact `blinds shape` command; null when `blinds shape` does not deploy it (Why says how).</param>
public sealed record AuditRecommendation(string Defence, string Why, string? Command);
