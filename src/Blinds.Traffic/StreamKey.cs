using System.Runtime.CompilerServices;

using Blinds.Protocols.Addressing;

namespace Blinds.Traffic;

/// <summary>A stream's key with a cheap hash (the compiler's tuple hash of two record structs costs more per packet).</summary>
internal readonly record struct StreamKey(MacAddress Device, IpAddress Remote)
{
    public bool Equals(StreamKey other) => Device.Value == other.Device.Value && Remote.Low == other.Remote.Low && Remote.High == other.Remote.High;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode()
    {
        var h = (Device.Value * 0x9E3779B97F4A7C15UL) ^ (Remote.Low * 0xC2B2AE3D27D4EB4FUL) ^ Remote.High;
        return (int)(h ^ (h >> 32)) & int.MaxValue;
    }
}
