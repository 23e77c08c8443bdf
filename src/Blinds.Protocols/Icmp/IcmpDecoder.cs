using Blinds.Capture.Anomalies;

namespace Blinds.Protocols.Icmp;

/// <summary>ICMP and ICMPv6: type and code.</summary>
public static class IcmpDecoder
{
    /// <summary>Decodes type and code at <paramref name="offset"/>.</summary>
    public static bool Decode(ReadOnlySpan<byte> p, int offset, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < offset + 4)
        {
            log.Add(ProtocolAnomalies.TruncatedIcmp);
            return false;
        }

        info.IcmpType = p[offset];
        info.IcmpCode = p[offset + 1];
        info.PayloadOffset = offset + 4;
        info.PayloadLength = Math.Max(0, Math.Min(p.Length - offset - 4, info.PayloadWireLength - 4));
        info.PayloadWireLength = Math.Max(0, info.PayloadWireLength - 4);
        return true;
    }
}
