namespace Blinds.Reports.Summary;

/// <summary>What `blinds summary` reports, as data (the JSON output is exactly this).</summary>
/// <param name="Captures">One entry per file.</param>
/// <param name="Gateway">The router, if found.</param>
/// <param name="Devices">One entry per station other than the gateway.</param>
/// <param name="Anomalies">Counted anomalies.</param>
/// <param name="Flows">Flows seen.</param>
/// <param name="Streams">Streams (device, remote address) seen.</param>
public sealed record SummaryModel(
    IReadOnlyList<CaptureModel> Captures,
    DeviceModel? Gateway,
    IReadOnlyList<DeviceModel> Devices,
    IReadOnlyList<AnomalyModel> Anomalies,
    long Flows,
    int Streams);

/// <summary>capinfos-like facts about one file.</summary>
/// <param name="Path">Path.</param>
/// <param name="Format">pcap or pcapng, with gzip noted.</param>
/// <param name="FileBytes">Size on disk.</param>
/// <param name="Encapsulations">Link types.</param>
/// <param name="SnapLengths">Snap lengths.</param>
/// <param name="Interfaces">Interface count.</param>
/// <param name="Packets">Packets.</param>
/// <param name="CapturedBytes">Captured bytes.</param>
/// <param name="WireBytes">Bytes on the wire.</param>
/// <param name="SnappedPackets">Packets cut by the snap length.</param>
/// <param name="First">First packet time.</param>
/// <param name="Last">Last packet time.</param>
/// <param name="DurationSeconds">Duration.</param>
/// <param name="Error">Why reading stopped early, if it did.</param>
public sealed record CaptureModel(
    string Path,
    string Format,
    long FileBytes,
    IReadOnlyList<string> Encapsulations,
    IReadOnlyList<int> SnapLengths,
    int Interfaces,
    long Packets,
    long CapturedBytes,
    long WireBytes,
    long SnappedPackets,
    string? First,
    string? Last,
    double DurationSeconds,
    string? Error);

/// <summary>One station.</summary>
/// <param name="Mac">MAC.</param>
/// <param name="Vendor">Vendor from the OUI lists (null for unknown or randomised).</param>
/// <param name="LocallyAdministered">True for randomised/locally administered MACs.</param>
/// <param name="Addresses">IP addresses.</param>
/// <param name="DhcpHostNames">DHCP option 12.</param>
/// <param name="DhcpVendorClasses">DHCP option 60.</param>
/// <param name="PacketsSent">Frames sent.</param>
/// <param name="PacketsReceived">Frames received.</param>
/// <param name="BytesUp">Bytes to the internet.</param>
/// <param name="BytesDown">Bytes from the internet.</param>
/// <param name="BytesLocal">Bytes inside the home.</param>
/// <param name="TopDomains">Most queried DNS names.</param>
/// <param name="TopServerNames">Most used TLS SNIs.</param>
/// <param name="MdnsNames">Names announced over mDNS.</param>
/// <param name="SsdpServers">SSDP SERVER headers.</param>
/// <param name="HttpRequests">Plain-HTTP requests sent.</param>
/// <param name="HttpAuthorizationRequests">Of which carried Authorization headers.</param>
/// <param name="First">First frame.</param>
/// <param name="Last">Last frame.</param>
public sealed record DeviceModel(
    string Mac,
    string? Vendor,
    bool LocallyAdministered,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<string> DhcpHostNames,
    IReadOnlyList<string> DhcpVendorClasses,
    long PacketsSent,
    long PacketsReceived,
    long BytesUp,
    long BytesDown,
    long BytesLocal,
    IReadOnlyList<NameCount> TopDomains,
    IReadOnlyList<NameCount> TopServerNames,
    IReadOnlyList<string> MdnsNames,
    IReadOnlyList<string> SsdpServers,
    long HttpRequests,
    long HttpAuthorizationRequests,
    string? First,
    string? Last);

/// <summary>A name and how often.</summary>
/// <param name="Name">Name.</param>
/// <param name="Count">Count.</param>
public sealed record NameCount(string Name, long Count);

/// <summary>One anomaly id with its count and first place.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Kind">truncated, malformed or unsupported.</param>
/// <param name="Count">Count.</param>
/// <param name="FirstFile">File of the first occurrence.</param>
/// <param name="FirstOffset">Byte offset of the first occurrence (-1 if unknown).</param>
/// <param name="Description">What it means.</param>
public sealed record AnomalyModel(string Id, string Kind, long Count, string? FirstFile, long FirstOffset, string Description);
