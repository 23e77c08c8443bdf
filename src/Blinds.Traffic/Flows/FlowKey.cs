using System.Runtime.CompilerServices;

using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Flows;

/// <summary>A bidirectional 5-tuple in canonical order (lower endpoint first), so both directions find one flow.</summary>
public readonly record struct FlowKey(IpAddress AddressA, IpAddress AddressB, ushort PortA, ushort PortB, byte Protocol)
{
    /// <summary>Field-wise equality without the generic comparers the compiler would call per field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(FlowKey other) =>
        AddressA.Low == other.AddressA.Low && AddressB.Low == other.AddressB.Low
        && AddressA.High == other.AddressA.High && AddressB.High == other.AddressB.High
        && PortA == other.PortA && PortB == other.PortB && Protocol == other.Protocol;

    /// <summary>A multiply-xor mix of all fields: cheap, and spreads the few bits that differ between flows of one home.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var h = (AddressA.Low * 0x9E3779B97F4A7C15UL) ^ (AddressB.Low * 0xC2B2AE3D27D4EB4FUL)
            ^ ((AddressA.High ^ (AddressB.High << 1)) * 0x165667B19E3779F9UL)
            ^ (((ulong)PortA << 24) | ((ulong)PortB << 8) | Protocol);
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h ^ (h >> 32));
    }

    /// <summary>Builds the canonical key; <paramref name="forward"/> is true when the source is endpoint A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FlowKey Create(IpAddress src, ushort srcPort, IpAddress dst, ushort dstPort, byte protocol, out bool forward)
    {
        var c = src.CompareTo(dst);
        forward = c < 0 || (c == 0 && srcPort <= dstPort);
        return forward
            ? new FlowKey(src, dst, srcPort, dstPort, protocol)
            : new FlowKey(dst, src, dstPort, srcPort, protocol);
    }
}
