using System.Text.Json.Serialization;

namespace Blinds.Reports.Flows;

/// <summary>What `blinds flows` found: flows per format, their span, the biggest streams, the anomalies (its --json).</summary>
/// <param name="Flows">Flows read per format (netflow5, netflow9, ipfix, zeek).</param>
/// <param name="First">Earliest flow start, or null.</param>
/// <param name="Last">Latest flow end, or null.</param>
/// <param name="Streams">The biggest streams (up to --top), most bytes first.</param>
/// <param name="Anomalies">Anomaly counts by id.</param>
public sealed record FlowsModel(IReadOnlyDictionary<string, long> Flows, string? First, string? Last, IReadOnlyList<FlowsStream> Streams, IReadOnlyDictionary<string, long> Anomalies)
{
    /// <summary>Streams in all (the table lists <see cref="Streams"/>); not in the JSON, which lists them.</summary>
    [JsonIgnore]
    public int StreamCount { get; init; }

    /// <summary>What each anomaly id means, for the text; not in the JSON.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> AnomalyDescriptions { get; init; } = new Dictionary<string, string>();
}

/// <summary>One stream between a home address and a remote one.</summary>
/// <param name="Home">Home-side address.</param>
/// <param name="Remote">Remote address.</param>
/// <param name="Name">The remote's name from Zeek dns/ssl logs, or null.</param>
/// <param name="BytesUp">Bytes home to remote.</param>
/// <param name="BytesDown">Bytes remote to home.</param>
/// <param name="PacketsUp">Packets home to remote.</param>
/// <param name="PacketsDown">Packets remote to home.</param>
/// <param name="Flows">Flow records merged.</param>
public sealed record FlowsStream(string Home, string Remote, string? Name, long BytesUp, long BytesDown, long PacketsUp, long PacketsDown, long Flows);
