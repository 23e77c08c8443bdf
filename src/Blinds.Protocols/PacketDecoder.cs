using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols.Arp;
using Blinds.Protocols.Ethernet;
using Blinds.Protocols.Icmp;
using Blinds.Protocols.Ieee80211;
using Blinds.Protocols.IPv4;
using Blinds.Protocols.IPv6;
using Blinds.Protocols.Tcp;
using Blinds.Protocols.Udp;

namespace Blinds.Protocols;

/// <summary>Decodes link, network and transport headers of one packet into a reused <see cref="PacketInfo"/>.</summary>
public static class PacketDecoder
{
    /// <summary>IANA protocol numbers used here.</summary>
    public const byte Tcp = 6;
    /// <summary>UDP.</summary>
    public const byte Udp = 17;
    /// <summary>ICMP.</summary>
    public const byte Icmp = 1;
    /// <summary>ICMPv6.</summary>
    public const byte Icmpv6 = 58;

    /// <summary>
    /// Decodes <paramref name="packet"/> as <paramref name="linkType"/>. Always leaves <paramref name="info"/> in a
    /// consistent state; what could not be decoded is counted in <paramref name="log"/>. Returns false when the link
    /// type is unknown.
    /// </summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Decode(LinkType linkType, ReadOnlySpan<byte> packet, ref PacketInfo info, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        info = default;
        info.VlanId = -1;
        int l3;
        switch (linkType)
        {
            case LinkType.Ethernet:
                l3 = EthernetDecoder.Decode(packet, ref info, log);
                break;
            case LinkType.LinuxSll:
                l3 = LinuxSllDecoder.DecodeV1(packet, ref info, log);
                break;
            case LinkType.LinuxSll2:
                l3 = LinuxSllDecoder.DecodeV2(packet, ref info, log);
                break;
            case LinkType.Raw or LinkType.RawBsd or LinkType.RawOpenBsd or LinkType.IPv4 or LinkType.IPv6:
                l3 = RawIp(packet, ref info);
                break;
            case LinkType.Null or LinkType.Loop:
                l3 = Loopback(packet, linkType, ref info, log);
                break;
            case LinkType.Ieee80211:
                l3 = Ieee80211Decoder.Decode(packet, ref info, log);
                break;
            case LinkType.Ieee80211Radiotap:
                l3 = Ieee80211Decoder.DecodeRadiotap(packet, ref info, log);
                break;
            default:
                log.Add(ProtocolAnomalies.UnknownLinkType);
                return false;
        }

        if (l3 >= 0)
        {
            Network(packet, l3, ref info, log);
        }

        return true;
    }

    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Network(ReadOnlySpan<byte> p, int l3, ref PacketInfo info, AnomalyLog log)
    {
        int l4;
        switch (info.EtherType)
        {
            case EtherTypes.IPv4:
                l4 = IPv4Decoder.Decode(p, l3, ref info, log);
                break;
            case EtherTypes.IPv6:
                l4 = IPv6Decoder.Decode(p, l3, ref info, log);
                break;
            case EtherTypes.Arp:
                ArpDecoder.Decode(p, l3, ref info, log);
                return;
            default:
                return;
        }

        if (l4 < 0 || info.IsLaterFragment)
        {
            return;
        }

        switch (info.Protocol)
        {
            case Tcp:
                TcpDecoder.Decode(p, l4, ref info, log);
                break;
            case Udp:
                UdpDecoder.Decode(p, l4, ref info, log);
                break;
            case Icmp or Icmpv6:
                IcmpDecoder.Decode(p, l4, ref info, log);
                break;
            default:
                info.PayloadOffset = Math.Min(l4, p.Length);
                info.PayloadLength = Math.Max(0, Math.Min(p.Length - l4, info.PayloadWireLength));
                break;
        }
    }

    private static int RawIp(ReadOnlySpan<byte> p, ref PacketInfo info)
    {
        if (p.Length == 0)
        {
            return -1;
        }

        info.EtherType = (p[0] >> 4) == 6 ? EtherTypes.IPv6 : EtherTypes.IPv4;
        return 0;
    }

    private static int Loopback(ReadOnlySpan<byte> p, LinkType linkType, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < 4)
        {
            log.Add(ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        // DLT_NULL writes the family in the capturing host's byte order; accept either. AF_INET6 differs by OS (10, 24, 28, 30).
        var family = linkType == LinkType.Loop ? BinaryPrimitives.ReadUInt32BigEndian(p) : BinaryPrimitives.ReadUInt32LittleEndian(p);
        if (family > 0xffff)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        info.EtherType = family switch
        {
            2 => EtherTypes.IPv4,
            10 or 24 or 28 or 30 => EtherTypes.IPv6,
            _ => 0,
        };
        return info.EtherType == 0 ? -1 : 4;
    }
}
