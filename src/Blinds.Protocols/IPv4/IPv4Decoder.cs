using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.IPv4;

/// <summary>IPv4 headers with options and fragments.</summary>
public static class IPv4Decoder
{
    /// <summary>Decodes the header at <paramref name="offset"/>; returns the transport offset or -1.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        var h = p[offset..];
        if (h.Length < 20)
        {
            log.Add(ProtocolAnomalies.TruncatedIPv4);
            return -1;
        }

        if (h[0] >> 4 != 4)
        {
            log.Add(ProtocolAnomalies.BadIPVersion);
            return -1;
        }

        var ihl = (h[0] & 0xf) * 4;
        var total = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        if (ihl < 20)
        {
            log.Add(ProtocolAnomalies.BadIPv4HeaderLength);
            return -1;
        }

        if (total < ihl)
        {
            // TSO-offloaded captures write 0 here; trust the frame instead of dropping it.
            if (total != 0)
            {
                log.Add(ProtocolAnomalies.BadIPv4TotalLength);
                return -1;
            }

            total = (ushort)Math.Min(h.Length, ushort.MaxValue);
        }

        info.IpVersion = 4;
        info.SourceIp = IpAddress.ReadV4(h[12..]);
        info.DestinationIp = IpAddress.ReadV4(h[16..]);
        info.Protocol = h[9];
        info.Ttl = h[8];
        info.IpLength = total;
        var frag = BinaryPrimitives.ReadUInt16BigEndian(h[6..]);
        var fragOffset = frag & 0x1fff;
        info.IsFragment = fragOffset != 0 || (frag & 0x2000) != 0;
        info.IsLaterFragment = fragOffset != 0;
        if (h.Length < ihl)
        {
            log.Add(ProtocolAnomalies.TruncatedIPv4);
            return -1;
        }

        info.PayloadWireLength = total - ihl;
        return offset + ihl;
    }
}
