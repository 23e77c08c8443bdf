namespace Blinds.Reports.Labels;

/// <summary>One station of a capture, as a devices.csv row for a person to fill in (docs/capture.md).</summary>
/// <param name="Mac">The station's MAC.</param>
/// <param name="Name">A suggested name (DHCP host name, mDNS name, else vendor and MAC tail): edit it.</param>
/// <param name="Type">Empty: the person writes camera, plug, ...</param>
/// <param name="Vendor">The MAC's vendor, "randomised" for locally administered MACs, else empty.</param>
/// <param name="DhcpHostNames">DHCP host names, "; "-separated.</param>
/// <param name="Names">The most used DNS, TLS and mDNS names, "; "-separated.</param>
/// <param name="Bytes">Bytes sent and received (what tells the busy devices).</param>
public sealed record StationRow(string Mac, string Name, string Type, string Vendor, string DhcpHostNames, string Names, long Bytes);
