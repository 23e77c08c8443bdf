using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Stages;

/// <summary>Drops the traffic of blocked devices, domains or remote addresses (paper 002 §6.1); the bytes are counted as blocked.</summary>
public sealed class BlockStage(Func<int, IpAddress, bool> blocked, CostMeter cost) : DefenceStage
{
    /// <inheritdoc/>
    public override void Push(in WirePacket packet)
    {
        if (packet.Role == PacketRole.Real && blocked(packet.Device, packet.Remote))
        {
            cost.Blocked(packet.Device, packet.Bytes);
            return;
        }

        Next.Push(packet);
    }
}
