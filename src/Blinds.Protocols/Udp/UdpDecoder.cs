using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Protocols.Udp;

/// <summary>UDP headers.</summary>
public static class UdpDecoder
{
    /// <summary>Decodes the header at <paramref name="offset"/>; false when it cannot.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        var h = p[offset..];
        if (h.Length < 8)
        {
            log.Add(ProtocolAnomalies.TruncatedUdp);
            return false;
        }

        info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(h);
        info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        info.HasPorts = true;
        var length = BinaryPrimitives.ReadUInt16BigEndian(h[4..]);
        if (length < 8 || (info.PayloadWireLength > 0 && length > info.PayloadWireLength))
        {
            // Length 0 is legal for IPv6 jumbograms only; either way trust the IP length instead.
            if (length != 0)
            {
                log.Add(ProtocolAnomalies.BadUdpLength);
            }

            length = (ushort)Math.Clamp(info.PayloadWireLength, 8, ushort.MaxValue);
        }

        info.PayloadWireLength = length - 8;
        var start = offset + 8;
        info.PayloadOffset = start;
        info.PayloadLength = Math.Max(0, Math.Min(p.Length - start, info.PayloadWireLength));
        return true;
    }
}
