using System.Text.Json.Serialization;

namespace Blinds.Reports.Activity;

/// <summary>What `blinds activity` inferred, as data: its JSON output is exactly this, its tables present it.</summary>
/// <param name="Observer">lan, wifi or isp.</param>
/// <param name="Events">Every activity inferred, in the order found.</param>
/// <param name="Scores">Per labelled device, when labels were given.</param>
/// <param name="Home">The whole home, when labels were given.</param>
/// <param name="ToleranceSeconds">How far a detection may be from a label.</param>
public sealed record ActivityModel(string Observer, IReadOnlyList<ActivityEvent> Events, IReadOnlyList<ActivityDeviceScore>? Scores, ActivityDeviceScore? Home, double ToleranceSeconds);

/// <summary>One inferred activity.</summary>
/// <param name="Start">First second, UTC.</param>
/// <param name="End">End of its last second, UTC.</param>
/// <param name="Entity">The station or stream it was seen in.</param>
/// <param name="Device">The device's label, when known.</param>
/// <param name="Kind">The device's kind, normalised.</param>
/// <param name="Activity">What it most likely was.</param>
/// <param name="Confidence">Calibrated probability, 3 places.</param>
/// <param name="Bytes">Bytes above the baseline.</param>
/// <param name="Score">log10 of the bytes over the device's unit, 4 places.</param>
public sealed record ActivityEvent(string Start, string End, string Entity, string? Device, string? Kind, string Activity, double Confidence, long Bytes, double Score)
{
    /// <summary>Start, ns since the epoch (for tables).</summary>
    [JsonIgnore]
    public long StartNs { get; init; }

    /// <summary>End, ns since the epoch (for tables).</summary>
    [JsonIgnore]
    public long EndNs { get; init; }
}

/// <summary>Detection and naming scored for one device or the home.</summary>
/// <param name="Device">Device label, or "home".</param>
/// <param name="Truth">Labelled activities.</param>
/// <param name="Detected">Detections.</param>
/// <param name="Matched">Detections within the tolerance of a label.</param>
/// <param name="Precision">Matched / detected.</param>
/// <param name="Recall">Matched / labelled.</param>
/// <param name="F1">Their harmonic mean.</param>
/// <param name="ChanceRecall">Recall as many random detections would reach.</param>
/// <param name="NamedRight">Matched detections named as labelled.</param>
/// <param name="NamingAccuracy">Their share of the matched.</param>
public sealed record ActivityDeviceScore(string Device, int Truth, int Detected, int Matched, double Precision, double Recall, double F1, double ChanceRecall, int NamedRight, double NamingAccuracy);
