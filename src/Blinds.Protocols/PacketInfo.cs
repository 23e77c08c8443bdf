using Blinds.Protocols.Addressing;

namespace Blinds.Protocols;

/// <summary>
/// What the link, network and transport decoders found in one packet. A mutable struct that the caller reuses for
/// every packet: decoding writes into it and allocates nothing. Offsets index the packet's captured bytes.
/// </summary>
#pragma warning disable CA1051 // Public fields on purpose: decoders fill this by ref once per packet; properties would copy.
public struct PacketInfo
{
    /// <summary>Link-layer source MAC (Ethernet, SLL, or the 802.11 transmitter); 0 when the link has none.</summary>
    public MacAddress SourceMac;
    /// <summary>Link-layer destination MAC (Ethernet, or the 802.11 receiver).</summary>
    public MacAddress DestinationMac;
    /// <summary>True when <see cref="SourceMac"/>/<see cref="DestinationMac"/> are real.</summary>
    public bool HasMac;
    /// <summary>Innermost EtherType (or 0 when none).</summary>
    public ushort EtherType;
    /// <summary>Outermost VLAN id, or -1 when untagged.</summary>
    public int VlanId;
    /// <summary>Number of VLAN tags.</summary>
    public byte VlanDepth;

    /// <summary>True for 802.11 frames.</summary>
    public bool IsWifi;
    /// <summary>802.11 frame type (0 management, 1 control, 2 data).</summary>
    public byte WifiType;
    /// <summary>True when the 802.11 frame body is encrypted: only MACs, sizes and times are visible.</summary>
    public bool WifiProtected;
    /// <summary>802.11 BSSID when the frame carries one.</summary>
    public MacAddress Bssid;

    /// <summary>4 or 6 when an IP header was decoded, else 0.</summary>
    public byte IpVersion;
    /// <summary>IP source.</summary>
    public IpAddress SourceIp;
    /// <summary>IP destination.</summary>
    public IpAddress DestinationIp;
    /// <summary>IP protocol / IPv6 next header of the transport (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6...).</summary>
    public byte Protocol;
    /// <summary>TTL / hop limit.</summary>
    public byte Ttl;
    /// <summary>IP packet length as the header states it (header included).</summary>
    public int IpLength;
    /// <summary>True for any fragment of a fragmented datagram.</summary>
    public bool IsFragment;
    /// <summary>True for fragments other than the first: they carry no transport header.</summary>
    public bool IsLaterFragment;

    /// <summary>True when a TCP or UDP header was decoded.</summary>
    public bool HasPorts;
    /// <summary>Transport source port.</summary>
    public ushort SourcePort;
    /// <summary>Transport destination port.</summary>
    public ushort DestinationPort;
    /// <summary>TCP flags (FIN 1, SYN 2, RST 4, PSH 8, ACK 16).</summary>
    public byte TcpFlags;
    /// <summary>ICMP / ICMPv6 type.</summary>
    public byte IcmpType;
    /// <summary>ICMP / ICMPv6 code.</summary>
    public byte IcmpCode;

    /// <summary>Offset of the transport payload in the captured bytes.</summary>
    public int PayloadOffset;
    /// <summary>Captured transport payload bytes (may be less than on the wire when snapped).</summary>
    public int PayloadLength;
    /// <summary>Transport payload length on the wire, from the IP/UDP lengths.</summary>
    public int PayloadWireLength;

    /// <summary>True for ARP.</summary>
    public bool IsArp;
    /// <summary>ARP operation (1 request, 2 reply).</summary>
    public ushort ArpOperation;
    /// <summary>ARP sender hardware address.</summary>
    public MacAddress ArpSenderMac;
    /// <summary>ARP sender protocol address.</summary>
    public IpAddress ArpSenderIp;
    /// <summary>ARP target protocol address.</summary>
    public IpAddress ArpTargetIp;

    /// <summary>The transport payload within <paramref name="packet"/>.</summary>
    public readonly ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) =>
        PayloadLength > 0 ? packet.Slice(PayloadOffset, PayloadLength) : [];
}
#pragma warning restore CA1051
