using Blinds.Flows;
using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Flows;

/// <summary>`blinds flows` as a library call: from the records read to the typed <see cref="FlowsModel"/>.</summary>
public static class FlowsBuilder
{
    /// <summary>The model of <paramref name="log"/>: the <paramref name="top"/> biggest streams (home side: <paramref name="home"/>, else private addresses).</summary>
    public static FlowsModel Build(FlowLog log, IReadOnlySet<IpAddress>? home, int top)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var streams = FlowStream.Of(log, home);
        return new FlowsModel(
            Enum.GetValues<FlowSource>().ToDictionary(s => s.ToString().ToLowerInvariant(), log.Count),
            log.FirstNs is { } f ? Formatting.Time(f) : null,
            log.LastNs is { } l ? Formatting.Time(l) : null,
            streams.Take(top).Select(s => new FlowsStream(s.Home.ToString(), s.Remote.ToString(), s.Name, s.BytesUp, s.BytesDown, s.PacketsUp, s.PacketsDown, s.Flows)).ToArray(),
            log.Anomalies.Entries.ToDictionary(e => e.Anomaly.Id, e => e.Count))
        {
            StreamCount = streams.Count,
            AnomalyDescriptions = log.Anomalies.Entries.ToDictionary(e => e.Anomaly.Id, e => e.Anomaly.Description),
        };
    }
}
