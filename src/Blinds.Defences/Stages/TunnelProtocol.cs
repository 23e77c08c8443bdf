namespace Blinds.Defences.Stages;

/// <summary>A VPN's per-packet cost: bytes added to each packet on the wire, and the largest inner IP packet before it splits.</summary>
/// <param name="Name">wireguard or openvpn.</param>
/// <param name="OverheadBytes">Outer IPv4 (20) + UDP (8) + the protocol's own header and tag.</param>
/// <param name="Mtu">Largest inner IP packet carried whole.</param>
public sealed record TunnelProtocol(string Name, int OverheadBytes, int Mtu)
{
    /// <summary>WireGuard over IPv4: 20 + 8 + 16 (type, receiver, counter) + 16 (Poly1305 tag) = 60 bytes; MTU 1420 (its default).</summary>
    public static TunnelProtocol WireGuard { get; } = new("wireguard", 60, 1420);

    /// <summary>OpenVPN over UDP/IPv4 with AES-256-GCM data channel v2: 20 + 8 + 4 (opcode, peer id) + 4 (packet id) + 16 (tag) = 52 bytes; inner MTU 1448.</summary>
    public static TunnelProtocol OpenVpn { get; } = new("openvpn", 52, 1448);

    /// <summary>By name; null when unknown.</summary>
    public static TunnelProtocol? Parse(string name) => name.ToLowerInvariant() switch
    {
        "wireguard" or "wg" => WireGuard,
        "openvpn" or "ovpn" => OpenVpn,
        _ => null,
    };
}
