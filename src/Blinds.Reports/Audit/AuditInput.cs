using Blinds.Attacks.Kinds;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Reports.Audit;

/// <summary>What an audit reads: the captures and their trace (1 s device and stream series), the labels if any, the settings.</summary>
/// <param name="Paths">The captures (read again by the rate search and the defence simulations unless <see cref="Packets"/> holds their packets).</param>
/// <param name="Trace">Their trace.</param>
public sealed record AuditInput(IReadOnlyList<string> Paths, Trace Trace)
{
    /// <summary>Device names from a devices file; null without one.</summary>
    public IReadOnlyDictionary<MacAddress, string>? Labels { get; init; }

    /// <summary>Device kinds from the devices file's type column.</summary>
    public IReadOnlyDictionary<MacAddress, DeviceKind> Types { get; init; } = new Dictionary<MacAddress, DeviceKind>();

    /// <summary>True activities from an events file; null without one.</summary>
    public IReadOnlyList<LabelledEvent>? Events { get; init; }

    /// <summary>The home's public addresses, for captures outside the NAT.</summary>
    public IReadOnlySet<IpAddress>? HomeAddresses { get; init; }

    /// <summary>
    /// True when the captures are flow records replayed as packets (NetFlow/IPFIX, Zeek logs: <c>FlowPackets</c>):
    /// only the ISP's view is real, so the LAN and Wi-Fi observers are not judged.
    /// </summary>
    public bool FlowRecords { get; init; }

    /// <summary>
    /// The captures' internet packets, logged while <see cref="Trace"/> was read (its sink): the rate search and the
    /// defence simulations replay them instead of reading the captures again. Null: they read the captures.
    /// </summary>
    public Traffic.Records.PacketLog? Packets { get; init; }

    /// <summary>Budget, data plan, clock, tolerances.</summary>
    public AuditSettings Settings { get; init; } = new();
}
