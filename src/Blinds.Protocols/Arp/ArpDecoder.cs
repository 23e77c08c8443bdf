using System.Buffers.Binary;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.Arp;

/// <summary>ARP over Ethernet for IPv4.</summary>
public static class ArpDecoder
{
    /// <summary>Decodes the ARP body at <paramref name="offset"/>.</summary>
    public static bool Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        var a = p[offset..];
        if (a.Length < 28)
        {
            log.Add(ProtocolAnomalies.TruncatedArp);
            return false;
        }

        if (a[4] != 6 || a[5] != 4)
        {
            return false; // not Ethernet/IPv4 ARP
        }

        info.IsArp = true;
        info.ArpOperation = BinaryPrimitives.ReadUInt16BigEndian(a[6..]);
        info.ArpSenderMac = MacAddress.Read(a[8..]);
        info.ArpSenderIp = IpAddress.ReadV4(a[14..]);
        info.ArpTargetIp = IpAddress.ReadV4(a[24..]);
        return true;
    }
}
