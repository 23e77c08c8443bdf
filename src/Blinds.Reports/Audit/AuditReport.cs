namespace Blinds.Reports.Audit;

/// <summary>An audit's result: the facts (report.json) and the pictures of them (report.html's SVGs).</summary>
/// <param name="Model">The facts.</param>
/// <param name="Plots">Rates with activities, the feature scatter, the timeline and hourly views, in display order.</param>
/// <param name="DefencePlots">The privacy-against-cost frontier and the shaped-against-unshaped view.</param>
/// <param name="BytePlots">Where the bytes go (protocols, internal against external).</param>
public sealed record AuditReport(AuditModel Model, IReadOnlyList<AuditFigure> Plots, IReadOnlyList<AuditFigure> DefencePlots, IReadOnlyList<AuditFigure> BytePlots);

/// <summary>One picture of the report.</summary>
/// <param name="Caption">What it shows and how to read it.</param>
/// <param name="Svg">The SVG document.</param>
public sealed record AuditFigure(string Caption, string Svg);
