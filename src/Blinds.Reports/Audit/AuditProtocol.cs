namespace Blinds.Reports.Audit;

/// <summary>Internet bytes by transport protocol and remote port (paper 003's protocol view).</summary>
/// <param name="Protocol">"tcp/443", "udp/123", ...; a stream counts under the port it used most.</param>
/// <param name="Name">The port's usual service (https, ntp, ...), or null.</param>
/// <param name="Bytes">Bytes both ways.</param>
/// <param name="Streams">Streams (device, remote address) that used it most.</param>
/// <param name="Devices">Devices among them.</param>
public sealed record AuditProtocol(string Protocol, string? Name, long Bytes, int Streams, int Devices)
{
    // The services smart homes use (papers 000 and 003 list these); other ports are shown by number only.
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["tcp/80"] = "http",
        ["tcp/443"] = "https",
        ["udp/443"] = "quic",
        ["udp/53"] = "dns",
        ["tcp/53"] = "dns",
        ["tcp/853"] = "dns-over-tls",
        ["udp/123"] = "ntp",
        ["tcp/1883"] = "mqtt",
        ["tcp/8883"] = "mqtt-tls",
        ["tcp/5222"] = "xmpp",
        ["tcp/5223"] = "apple-push",
        ["tcp/5228"] = "google-push",
        ["udp/3478"] = "stun",
        ["udp/19302"] = "stun",
        ["tcp/554"] = "rtsp",
        ["udp/500"] = "ike",
        ["udp/4500"] = "ipsec-nat",
        ["udp/51820"] = "wireguard",
        ["udp/1194"] = "openvpn",
        ["tcp/8080"] = "http-alt",
        ["tcp/8443"] = "https-alt",
        ["tcp/25"] = "smtp",
        ["tcp/993"] = "imaps",
        ["udp/67"] = "dhcp",
        ["udp/1900"] = "ssdp",
        ["udp/5353"] = "mdns",
        ["udp/5355"] = "llmnr",
        ["udp/137"] = "netbios-ns",
        ["udp/138"] = "netbios-dgm",
        ["tcp/445"] = "smb",
        ["tcp/8009"] = "cast",
        ["tcp/9999"] = "tp-link-shp",
    };

    /// <summary>The usual service of <paramref name="protocol"/> ("tcp/443" → https), or null.</summary>
    public static string? NameOf(string protocol) => Known.GetValueOrDefault(protocol);
}
