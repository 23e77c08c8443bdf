using System.Text.Json.Serialization;

using Blinds.Reports.Summary;

namespace Blinds.Reports.Audit;

/// <summary>Everything `blinds audit` found, as data: report.json is exactly this, report.html presents it.</summary>
/// <param name="Summary">What is in the captures (as `blinds summary`).</param>
/// <param name="Devices">Per device: what identifies it and what each observer can tell.</param>
/// <param name="Activities">Inferred activities (LAN observer).</param>
/// <param name="Scores">Attacks against the labels, when labels were given.</param>
/// <param name="Leaks">Local leaks, credentials redacted.</param>
/// <param name="Defences">Defences side by side.</param>
/// <param name="Recommendation">The defence to deploy, if one works.</param>
/// <param name="Hourly">Bytes per hour of day (paper 003's daily view).</param>
/// <param name="Services">Bytes by service and remote name.</param>
/// <param name="Protocols">Bytes by protocol and port (paper 003's protocol view).</param>
/// <param name="Notes">How the audit chose what it tried, and where it kept to part of the capture.</param>
public sealed record AuditModel(
    SummaryModel Summary,
    IReadOnlyList<AuditDevice> Devices,
    IReadOnlyList<AuditActivity> Activities,
    AuditScores? Scores,
    IReadOnlyList<AuditLeak> Leaks,
    IReadOnlyList<AuditDefence> Defences,
    AuditRecommendation? Recommendation,
    IReadOnlyList<AuditHour> Hourly,
    IReadOnlyList<AuditService> Services,
    IReadOnlyList<AuditProtocol> Protocols,
    IReadOnlyList<string> Notes)
{
    /// <summary>The version of this shape (docs/report.schema.json).</summary>
    [JsonPropertyOrder(-3)]
    public int SchemaVersion { get; init; } = AuditBuilder.SchemaVersion;

    /// <summary>The budget, data plan, clock and tolerances behind the figures.</summary>
    [JsonPropertyOrder(-2)]
    public AuditSettingsEcho? Settings { get; init; }

    /// <summary>The plain-language opening: what each observer learns, and the one thing to do.</summary>
    [JsonPropertyOrder(-1)]
    public AuditVerdict? Verdict { get; init; }

    /// <summary>Internet bytes per hour over the whole capture.</summary>
    public IReadOnlyList<AuditTimelineHour> Timeline { get; init; } = [];

    /// <summary>Traffic inside the home by protocol and port (mDNS, SSDP, DHCP, local APIs), most bytes first.</summary>
    public IReadOnlyList<AuditLocalProtocol> LocalProtocols { get; init; } = [];
}
