using System.Buffers.Binary;

using Blinds.Protocols.Addressing;

namespace Blinds.Lab.Packets;

/// <summary>
/// The gateway's NAT, applied to the lab's LAN frames to give the capture an ISP would take on the home's uplink:
/// internet traffic with the home's private addresses replaced by its one public address (ports kept, as Linux
/// masquerading does when they are free), DNS queries to the gateway forwarded to an upstream resolver from the
/// public address, and everything local (DHCP, mDNS, SSDP, LAN HTTP) gone.
/// </summary>
public sealed class WanSide
{
    /// <summary>The gateway's WAN-side MAC.</summary>
    public static readonly MacAddress RouterWanMac = MacAddress.Parse("b8:27:eb:00:00:02");

    /// <summary>The ISP's router, the WAN side's other end.</summary>
    public static readonly MacAddress IspMac = MacAddress.Parse("00:00:5e:00:01:01");

    /// <summary>The upstream resolver the gateway forwards DNS to (a documentation address, RFC 5737).</summary>
    public static readonly IpAddress UpstreamResolver = IpAddress.FromV4(0xc633_6435); // 198.51.100.53

    private readonly Scenario scenario;
    private readonly FrameHandler next;
    private readonly byte[] buffer = new byte[65_600];

    /// <summary>Wraps <paramref name="next"/>, which receives the WAN-side frames.</summary>
    public WanSide(Scenario scenario, FrameHandler next)
    {
        this.scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));
        this.next = next ?? throw new ArgumentNullException(nameof(next));
    }

    /// <summary>Frames forwarded to the WAN.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Takes one LAN frame; forwards its WAN-side form, if it has one.</summary>
    public void OnFrame(long timeNs, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800)
        {
            return; // ARP, IPv6 link-local chatter: stays on the LAN
        }

        var src = IpAddress.ReadV4(frame[26..]);
        var dst = IpAddress.ReadV4(frame[30..]);
        var f = buffer.AsSpan(0, frame.Length);
        frame.CopyTo(f);
        var toResolver = dst == scenario.GatewayAddress && IsDns(frame, destination: true);
        var fromResolver = src == scenario.GatewayAddress && IsDns(frame, destination: false);
        if ((src.IsLocal && !dst.IsLocal) || toResolver)
        {
            RouterWanMac.Write(f[6..]);
            IspMac.Write(f);
            BinaryPrimitives.WriteUInt32BigEndian(f[26..], scenario.PublicAddress.V4);
            if (toResolver)
            {
                BinaryPrimitives.WriteUInt32BigEndian(f[30..], UpstreamResolver.V4);
            }
        }
        else if ((!src.IsLocal && dst.IsLocal) || fromResolver)
        {
            IspMac.Write(f[6..]);
            RouterWanMac.Write(f);
            BinaryPrimitives.WriteUInt32BigEndian(f[30..], scenario.PublicAddress.V4);
            if (fromResolver)
            {
                BinaryPrimitives.WriteUInt32BigEndian(f[26..], UpstreamResolver.V4);
            }
        }
        else
        {
            return;
        }

        FrameBuilder.RefreshChecksums(f);
        Forwarded++;
        next(timeNs, f);
    }

    private static bool IsDns(ReadOnlySpan<byte> frame, bool destination)
    {
        var headerLength = (frame[14] & 0xf) * 4;
        if (frame[23] != 17 || frame.Length < 14 + headerLength + 8)
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(frame[(14 + headerLength + (destination ? 2 : 0))..]);
        return port == 53;
    }
}
