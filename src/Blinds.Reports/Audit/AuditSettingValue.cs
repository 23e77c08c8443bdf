namespace Blinds.Reports.Audit;

/// <summary>One audit setting as the user gave it, with where it came from for error messages.</summary>
/// <param name="Text">The value, e.g. "50GB".</param>
/// <param name="Where">The option ("--budget") or the settings file and key ("home.json: budget").</param>
public sealed record AuditSettingValue(string Text, string Where);
