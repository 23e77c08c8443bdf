using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Flows;

/// <summary>A bidirectional 5-tuple in canonical order (lower endpoint first), so both directions find one flow.</summary>
public readonly record struct FlowKey(IpAddress AddressA, IpAddress AddressB, ushort PortA, ushort PortB, byte Protocol)
{
    /// <summary>Builds the canonical key; <paramref name="forward"/> is true when the source is endpoint A.</summary>
    public static FlowKey Create(IpAddress src, ushort srcPort, IpAddress dst, ushort dstPort, byte protocol, out bool forward)
    {
        var c = src.CompareTo(dst);
        forward = c < 0 || (c == 0 && srcPort <= dstPort);
        return forward
            ? new FlowKey(src, dst, srcPort, dstPort, protocol)
            : new FlowKey(dst, src, dstPort, srcPort, protocol);
    }
}
