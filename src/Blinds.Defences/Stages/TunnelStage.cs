using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Stages;

/// <summary>
/// A VPN from the gateway (paper 002 §6.2): every packet, cover included, goes to one endpoint address, split into
/// inner packets of at most the tunnel's MTU, each with the protocol's headers. Frame sizes here are Ethernet frames:
/// the inner IP packet is the frame less its 14-byte Ethernet header.
/// </summary>
public sealed class TunnelStage(TunnelProtocol protocol, IpAddress endpoint, CostMeter cost) : DefenceStage
{
    private const int Ethernet = 14;

    /// <summary>The endpoint every packet is seen going to.</summary>
    public IpAddress Endpoint => endpoint;

    /// <inheritdoc/>
    public override void Push(in WirePacket packet)
    {
        var inner = Math.Max(1, packet.Bytes - Ethernet);
        var pieces = (inner + protocol.Mtu - 1) / protocol.Mtu;
        var left = inner;
        for (var i = 0; i < pieces; i++)
        {
            var chunk = Math.Min(protocol.Mtu, left);
            left -= chunk;
            var bytes = Ethernet + chunk + protocol.OverheadBytes;
            cost.Overhead(packet.Device, OverheadKind.Tunnel, packet.Up, protocol.OverheadBytes + (i > 0 ? Ethernet : 0));
            Next.Push(packet with { Bytes = bytes, Remote = endpoint, Last = packet.Last && i == pieces - 1 });
        }
    }

    /// <inheritdoc/>
    public override void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
    {
        if (cover.Bytes - Ethernet > protocol.Mtu)
        {
            base.PushCover(cover, times);
            return;
        }

        cost.Overhead(cover.Device, OverheadKind.Tunnel, cover.Up, (long)protocol.OverheadBytes * times.Length);
        Next.PushCover(cover with { Bytes = cover.Bytes + protocol.OverheadBytes, Remote = endpoint }, times);
    }
}
