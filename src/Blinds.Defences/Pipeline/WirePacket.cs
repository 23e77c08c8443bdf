using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Pipeline;

/// <summary>What a packet is to the observer after the defences.</summary>
public enum PacketRole : byte
{
    /// <summary>A device's packet (or a fragment of one), possibly delayed and padded.</summary>
    Real,

    /// <summary>Traffic the defence made up: cover slots, padding periods, decoys.</summary>
    Cover,
}

/// <summary>
/// One packet on the home's uplink (or downlink) as a defence stage passes it on: when it leaves, how big it is on the
/// wire, which way, to which remote address, and whose it is (for cost and scoring only; an observer sees none of it).
/// </summary>
/// <param name="TimeNs">When it is sent.</param>
/// <param name="Bytes">Its size on the wire.</param>
/// <param name="Up">True from the home, false to it.</param>
/// <param name="Remote">The address the observer sees it go to (or come from).</param>
/// <param name="Device">Index of the device it belongs to, or -1 for cover.</param>
/// <param name="Role">Real or cover.</param>
/// <param name="ArrivalNs">When the real packet reached the gateway (the delay is <see cref="TimeNs"/> minus this).</param>
/// <param name="Last">True for the last fragment of a real packet: its delay is the packet's.</param>
public readonly record struct WirePacket(long TimeNs, int Bytes, bool Up, IpAddress Remote, int Device, PacketRole Role, long ArrivalNs, bool Last = true);
