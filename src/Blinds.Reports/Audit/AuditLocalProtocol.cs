namespace Blinds.Reports.Audit;

/// <summary>Bytes that stay inside the home by protocol and service port: what the LAN and a Wi-Fi neighbour see whatever the uplink hides.</summary>
/// <param name="Protocol">"udp/5353", "udp/1900", ...: the lower of the two ports; "other" past the table's bound.</param>
/// <param name="Name">The port's usual service (mdns, ssdp, dhcp...), or null.</param>
/// <param name="Bytes">Frame bytes.</param>
/// <param name="Packets">Frames.</param>
public sealed record AuditLocalProtocol(string Protocol, string? Name, long Bytes, long Packets);
