using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Ethernet;

/// <summary>Ethernet II with any number (up to four) of 802.1Q / 802.1ad tags; 802.3 length frames with LLC/SNAP.</summary>
public static class EthernetDecoder
{
    /// <summary>Decodes the header; returns the offset of the network layer, or -1.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> p, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < 14)
        {
            log.Add(ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        info.DestinationMac = MacAddress.Read(p);
        info.SourceMac = MacAddress.Read(p[6..]);
        info.HasMac = true;
        var type = BinaryPrimitives.ReadUInt16BigEndian(p[12..]);
        var offset = 14;
        while (type is EtherTypes.Vlan or EtherTypes.QinQ or EtherTypes.QinQOld)
        {
            if (info.VlanDepth == 4)
            {
                log.Add(ProtocolAnomalies.VlanTooDeep);
                return -1;
            }

            if (p.Length < offset + 4)
            {
                log.Add(ProtocolAnomalies.TruncatedVlan);
                return -1;
            }

            if (info.VlanDepth++ == 0)
            {
                info.VlanId = BinaryPrimitives.ReadUInt16BigEndian(p[offset..]) & 0x0fff;
            }

            type = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 2)..]);
            offset += 4;
        }

        if (type <= 1500)
        {
            // 802.3 length field: only LLC/SNAP carries an EtherType we can follow.
            return LlcSnap(p, offset, ref info);
        }

        info.EtherType = type;
        return offset;
    }

    /// <summary>Follows an LLC/SNAP header (AA AA 03 + OUI + EtherType); returns the offset after it or -1.</summary>
    internal static int LlcSnap(ReadOnlySpan<byte> p, int offset, ref PacketInfo info)
    {
        if (p.Length >= offset + 8 && p[offset] == 0xaa && p[offset + 1] == 0xaa && p[offset + 2] == 0x03)
        {
            info.EtherType = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 6)..]);
            return offset + 8;
        }

        return -1;
    }
}
