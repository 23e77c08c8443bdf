using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Protocols.IPv6;

/// <summary>IPv6 headers and their extension headers (hop-by-hop, routing, fragment, destination options, AH).</summary>
public static class IPv6Decoder
{
    private const int MaxExtensions = 16;

    /// <summary>Decodes the header chain at <paramref name="offset"/>; returns the transport offset or -1.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        var h = p[offset..];
        if (h.Length < 40)
        {
            log.Add(ProtocolAnomalies.TruncatedIPv6);
            return -1;
        }

        if (h[0] >> 4 != 6)
        {
            log.Add(ProtocolAnomalies.BadIPVersion);
            return -1;
        }

        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(h[4..]);
        info.IpVersion = 6;
        info.SourceIp = IpAddress.ReadV6(h[8..]);
        info.DestinationIp = IpAddress.ReadV6(h[24..]);
        info.Ttl = h[7];
        info.IpLength = 40 + payloadLength;
        var next = h[6];
        var pos = 40;
        for (var i = 0; ; i++)
        {
            if (i > MaxExtensions)
            {
                log.Add(ProtocolAnomalies.IPv6TooManyExtensions);
                return -1;
            }

            switch (next)
            {
                case 0 or 43 or 60:
                    if (h.Length < pos + 8)
                    {
                        log.Add(ProtocolAnomalies.TruncatedIPv6);
                        return -1;
                    }

                    next = h[pos];
                    pos += (h[pos + 1] + 1) * 8;
                    break;
                case 44:
                    if (h.Length < pos + 8)
                    {
                        log.Add(ProtocolAnomalies.TruncatedIPv6);
                        return -1;
                    }

                    var frag = BinaryPrimitives.ReadUInt16BigEndian(h[(pos + 2)..]);
                    info.IsFragment = true;
                    info.IsLaterFragment = (frag & 0xfff8) != 0;
                    next = h[pos];
                    pos += 8;
                    break;
                case 51:
                    if (h.Length < pos + 8)
                    {
                        log.Add(ProtocolAnomalies.TruncatedIPv6);
                        return -1;
                    }

                    next = h[pos];
                    pos += (h[pos + 1] + 2) * 4;
                    break;
                default:
                    info.Protocol = next;
                    if (h.Length < pos)
                    {
                        log.Add(ProtocolAnomalies.TruncatedIPv6);
                        return -1;
                    }

                    info.PayloadWireLength = Math.Max(0, info.IpLength - pos);
                    return offset + pos;
            }
        }
    }
}
