using System.Buffers.Binary;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Protocols.Tests;

public class LinkLayerTests
{
    private static PacketInfo Decode(LinkType link, byte[] p, AnomalyLog? log = null)
    {
        var info = default(PacketInfo);
        PacketDecoder.Decode(link, p, ref info, log ?? new AnomalyLog());
        return info;
    }

    [Fact]
    public void Ethernet_udp()
    {
        var i = Decode(LinkType.Ethernet, Frames.Udp(20));
        Assert.Equal(Frames.DeviceMac, i.SourceMac);
        Assert.Equal(Frames.GatewayMac, i.DestinationMac);
        Assert.Equal(4, i.IpVersion);
        Assert.Equal(Frames.DeviceIp, i.SourceIp);
        Assert.Equal(Frames.RemoteIp, i.DestinationIp);
        Assert.Equal(17, i.Protocol);
        Assert.Equal(40000, i.SourcePort);
        Assert.Equal(123, i.DestinationPort);
        Assert.Equal(20, i.PayloadLength);
        Assert.Equal(42, i.PayloadOffset);
        Assert.Equal(-1, i.VlanId);
    }

    [Fact]
    public void Qinq_tags_are_skipped_and_the_outer_id_kept()
    {
        var f = Frames.Udp(4);
        byte[] tags = [0x81, 0x00, 0x00, 0x64, 0x81, 0x00, 0x00, 0xc8]; // 0x88a8-style stack with two 802.1Q tags: 100, 200
        tags[0] = 0x88;
        tags[1] = 0xa8;
        var tagged = f[..12].Concat(tags).Concat(f[12..]).ToArray();
        var i = Decode(LinkType.Ethernet, tagged);
        Assert.Equal(100, i.VlanId);
        Assert.Equal(2, i.VlanDepth);
        Assert.Equal(123, i.DestinationPort);
    }

    [Fact]
    public void Raw_ipv4_and_linux_cooked()
    {
        var ip = Frames.Udp(8)[14..];
        Assert.Equal(123, Decode(LinkType.Raw, ip).DestinationPort);
        Assert.Equal(123, Decode(LinkType.IPv4, ip).DestinationPort);

        var sll = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(4), 6);
        Frames.DeviceMac.Write(sll.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(sll.AsSpan(14), 0x0800);
        var i = Decode(LinkType.LinuxSll, [.. sll, .. ip]);
        Assert.Equal(Frames.DeviceMac, i.SourceMac);
        Assert.Equal(123, i.DestinationPort);

        var sll2 = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(sll2, 0x0800);
        BinaryPrimitives.WriteUInt16BigEndian(sll2.AsSpan(8), 1);
        sll2[11] = 6;
        Frames.DeviceMac.Write(sll2.AsSpan(12));
        i = Decode(LinkType.LinuxSll2, [.. sll2, .. ip]);
        Assert.Equal(Frames.DeviceMac, i.SourceMac);
        Assert.Equal(123, i.DestinationPort);
    }

    [Theory]
    [InlineData(2u, false)]
    [InlineData(0x02000000u, false)]
    [InlineData(30u, true)]
    public void Bsd_loopback_in_either_byte_order(uint family, bool v6)
    {
        var ip = v6 ? Ipv6Udp() : Frames.Udp(8)[14..];
        var head = BitConverter.GetBytes(family);
        var i = Decode(LinkType.Null, [.. head, .. ip]);
        Assert.Equal(v6 ? 6 : 4, i.IpVersion);
        Assert.Equal(53, v6 ? i.DestinationPort : 53);
    }

    [Fact]
    public void Radiotap_80211_data_frame_with_llc_snap()
    {
        byte[] radiotap = [0, 0, 8, 0, 0, 0, 0, 0];
        var mac = new byte[24];
        mac[0] = 0x08; // data
        mac[1] = 0x01; // to DS
        Frames.GatewayMac.Write(mac.AsSpan(4));  // addr1: BSSID/receiver
        Frames.DeviceMac.Write(mac.AsSpan(10));  // addr2: transmitter
        Frames.GatewayMac.Write(mac.AsSpan(16));
        byte[] llc = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00];
        var i = Decode(LinkType.Ieee80211Radiotap, [.. radiotap, .. mac, .. llc, .. Frames.Udp(8)[14..]]);
        Assert.True(i.IsWifi);
        Assert.Equal(Frames.DeviceMac, i.SourceMac);
        Assert.Equal(Frames.GatewayMac, i.Bssid);
        Assert.Equal(123, i.DestinationPort);
    }

    [Fact]
    public void Protected_80211_frames_show_only_macs()
    {
        var mac = new byte[40];
        mac[0] = 0x88; // QoS data
        mac[1] = 0x41; // to DS, protected
        Frames.GatewayMac.Write(mac.AsSpan(4));
        Frames.DeviceMac.Write(mac.AsSpan(10));
        var i = Decode(LinkType.Ieee80211, mac);
        Assert.True(i.WifiProtected);
        Assert.Equal(Frames.DeviceMac, i.SourceMac);
        Assert.Equal(0, i.IpVersion);
    }

    [Fact]
    public void Unknown_link_type_is_counted()
    {
        var log = new AnomalyLog();
        var info = default(PacketInfo);
        Assert.False(PacketDecoder.Decode((LinkType)147, [1, 2, 3], ref info, log));
        Assert.Equal(1, log.Count(ProtocolAnomalies.UnknownLinkType));
    }

    [Fact]
    public void Arp()
    {
        var arp = new byte[42];
        MacAddress.Broadcast.Write(arp);
        Frames.DeviceMac.Write(arp.AsSpan(6));
        arp[12] = 0x08;
        arp[13] = 0x06;
        byte[] body = [0, 1, 8, 0, 6, 4, 0, 1];
        body.CopyTo(arp, 14);
        Frames.DeviceMac.Write(arp.AsSpan(22));
        BinaryPrimitives.WriteUInt32BigEndian(arp.AsSpan(28), Frames.DeviceIp.V4);
        BinaryPrimitives.WriteUInt32BigEndian(arp.AsSpan(38), 0xc0a80101);
        var i = Decode(LinkType.Ethernet, arp);
        Assert.True(i.IsArp);
        Assert.Equal(1, i.ArpOperation);
        Assert.Equal(Frames.DeviceIp, i.ArpSenderIp);
        Assert.Equal(IpAddress.FromV4(0xc0a80101), i.ArpTargetIp);
    }

    internal static byte[] Ipv6Udp(byte[]? extension = null, byte firstNext = 17)
    {
        var ext = extension ?? [];
        var p = new byte[40 + ext.Length + 8 + 4];
        p[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)(ext.Length + 12));
        p[6] = extension is null ? (byte)17 : firstNext;
        p[7] = 64;
        p[8] = 0xfe;
        p[9] = 0x80;
        p[39] = 1;
        p[24] = 0x20;
        p[25] = 0x01;
        ext.CopyTo(p, 40);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(40 + ext.Length), 5353);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(42 + ext.Length), 53);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(44 + ext.Length), 12);
        return p;
    }
}
