using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Protocols.Tcp;

/// <summary>TCP headers: ports, flags, data offset.</summary>
public static class TcpDecoder
{
    /// <summary>TCP FIN flag.</summary>
    public const byte Fin = 1;
    /// <summary>TCP SYN flag.</summary>
    public const byte Syn = 2;
    /// <summary>TCP RST flag.</summary>
    public const byte Rst = 4;
    /// <summary>TCP ACK flag.</summary>
    public const byte Ack = 16;

    /// <summary>Decodes the header at <paramref name="offset"/>; fills ports and payload; false when it cannot.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        var h = p[offset..];
        if (h.Length < 20)
        {
            log.Add(ProtocolAnomalies.TruncatedTcp);
            return false;
        }

        info.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(h);
        info.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        info.HasPorts = true;
        info.TcpFlags = h[13];
        var dataOffset = (h[12] >> 4) * 4;
        if (dataOffset < 20 || (info.PayloadWireLength > 0 && dataOffset > info.PayloadWireLength))
        {
            log.Add(ProtocolAnomalies.BadTcpDataOffset);
            return false;
        }

        info.PayloadWireLength = Math.Max(0, info.PayloadWireLength - dataOffset);
        var start = offset + dataOffset;
        info.PayloadOffset = Math.Min(start, p.Length);
        info.PayloadLength = Math.Max(0, Math.Min(p.Length - start, info.PayloadWireLength));
        return true;
    }
}
