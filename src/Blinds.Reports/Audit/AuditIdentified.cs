namespace Blinds.Reports.Audit;

/// <summary>A device an observer can name.</summary>
/// <param name="Device">Its name in this report.</param>
/// <param name="Kind">What it is (camera, plug, ...).</param>
/// <param name="How">How the observer tells (names it looks up, its maker from the MAC address, ...).</param>
public sealed record AuditIdentified(string Device, string Kind, string How);
