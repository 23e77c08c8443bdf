namespace Blinds.Reports.Audit;

/// <summary>One device as the audit sees it.</summary>
/// <param name="Mac">MAC.</param>
/// <param name="Name">Name from the devices file, or the DHCP host name.</param>
/// <param name="Vendor">OUI vendor.</param>
/// <param name="Label">Best signature label.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Confidence">Signature score.</param>
/// <param name="Names">DNS/SNI/mDNS names it uses (first 8).</param>
/// <param name="BytesUp">Bytes to the internet.</param>
/// <param name="BytesDown">Bytes from it.</param>
/// <param name="BytesLocal">Bytes to and from other devices of the home (paper 003: internal traffic).</param>
/// <param name="Lan">What anyone on the LAN tells about it.</param>
/// <param name="Isp">What the ISP tells.</param>
/// <param name="Wifi">What a Wi-Fi eavesdropper tells.</param>
public sealed record AuditDevice(string Mac, string Name, string? Vendor, string? Label, string? Kind, double Confidence, IReadOnlyList<string> Names, long BytesUp, long BytesDown, long BytesLocal, string Lan, string Isp, string Wifi);
