namespace Blinds.Traffic;

/// <summary>
/// Traffic that stays inside the home (both ends local, multicast included) for one transport protocol and service
/// port: mDNS, SSDP, DHCP, a hub's local API. Paper 003 counts these beside the internet's protocols; a LAN or Wi-Fi
/// observer sees them whatever the home does about its uplink.
/// </summary>
/// <param name="Protocol">"udp/5353", "tcp/8080", ...: the lower of the two ports, which is the service's on both the request and the answer; "other" for what passed the table's bound.</param>
/// <param name="Bytes">Frame bytes.</param>
/// <param name="Packets">Frames.</param>
public sealed record LocalProtocol(string Protocol, long Bytes, long Packets);
