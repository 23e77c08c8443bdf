namespace Blinds.Reports.Audit;

/// <summary>
/// A defence of chosen devices (the smart-home devices, people's own screens left out) scored on what it sets out to
/// hide: the activities of those devices. The row's own figures stay those of the whole home.
/// </summary>
/// <param name="Devices">Devices the defence covers.</param>
/// <param name="ActivityF1">Activity F1 on their activities, after.</param>
/// <param name="ActivityChanceF1">Its chance.</param>
/// <param name="Effective">Rates, names and their activities all within 5 points of chance.</param>
public sealed record AuditScoped(int Devices, double ActivityF1, double ActivityChanceF1, bool Effective);
