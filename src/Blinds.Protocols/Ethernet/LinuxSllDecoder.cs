using System.Buffers.Binary;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Ethernet;

/// <summary>Linux cooked captures: SLL (16-byte header) and SLL2 (20-byte header). Only the sender's address is recorded.</summary>
public static class LinuxSllDecoder
{
    private const ushort ArphrdEther = 1;

    /// <summary>Decodes SLL v1; returns the network-layer offset or -1.</summary>
    public static int DecodeV1(ReadOnlySpan<byte> p, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < 16)
        {
            log.Add(ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        SetSender(BinaryPrimitives.ReadUInt16BigEndian(p[4..]), BinaryPrimitives.ReadUInt16BigEndian(p[2..]), p[6..], ref info);
        info.EtherType = BinaryPrimitives.ReadUInt16BigEndian(p[14..]);
        return info.EtherType == EtherTypes.Vlan ? SkipVlan(p, 16, ref info, log) : 16;
    }

    /// <summary>Decodes SLL v2; returns the network-layer offset or -1.</summary>
    public static int DecodeV2(ReadOnlySpan<byte> p, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < 20)
        {
            log.Add(ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        info.EtherType = BinaryPrimitives.ReadUInt16BigEndian(p);
        SetSender(p[11], BinaryPrimitives.ReadUInt16BigEndian(p[8..]), p[12..], ref info);
        return info.EtherType == EtherTypes.Vlan ? SkipVlan(p, 20, ref info, log) : 20;
    }

    private static void SetSender(int addrLen, ushort hatype, ReadOnlySpan<byte> addr, ref PacketInfo info)
    {
        if (hatype == ArphrdEther && addrLen == 6)
        {
            info.SourceMac = MacAddress.Read(addr);
        }
    }

    private static int SkipVlan(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < offset + 4)
        {
            log.Add(ProtocolAnomalies.TruncatedVlan);
            return -1;
        }

        info.VlanId = BinaryPrimitives.ReadUInt16BigEndian(p[offset..]) & 0x0fff;
        info.VlanDepth = 1;
        info.EtherType = BinaryPrimitives.ReadUInt16BigEndian(p[(offset + 2)..]);
        return offset + 4;
    }
}
