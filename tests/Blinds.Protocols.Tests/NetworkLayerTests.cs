using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Protocols.Tests;

public class NetworkLayerTests
{
    private static (PacketInfo Info, AnomalyLog Log) Decode(LinkType link, byte[] p)
    {
        var log = new AnomalyLog();
        var info = default(PacketInfo);
        PacketDecoder.Decode(link, p, ref info, log);
        return (info, log);
    }

    [Fact]
    public void Ipv4_options_move_the_transport_header()
    {
        var f = Frames.Udp(4);
        var ip = f[14..];
        // Insert 4 bytes of options (NOP NOP NOP EOL), IHL 6, total length +4.
        var withOptions = ip[..20].Concat(new byte[] { 1, 1, 1, 0 }).Concat(ip[20..]).ToArray();
        withOptions[0] = 0x46;
        var total = (ushort)(withOptions.Length);
        withOptions[2] = (byte)(total >> 8);
        withOptions[3] = (byte)total;
        var (i, log) = Decode(LinkType.Raw, withOptions);
        Assert.Equal(123, i.DestinationPort);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Later_ipv4_fragments_carry_no_ports()
    {
        var ip = Frames.Udp(40)[14..];
        ip[6] = 0x00;
        ip[7] = 0x03; // offset 24 bytes
        var (i, _) = Decode(LinkType.Raw, ip);
        Assert.True(i.IsFragment);
        Assert.True(i.IsLaterFragment);
        Assert.False(i.HasPorts);
    }

    [Fact]
    public void First_fragment_is_decoded()
    {
        var ip = Frames.Udp(40)[14..];
        ip[6] = 0x20; // MF
        var (i, _) = Decode(LinkType.Raw, ip);
        Assert.True(i.IsFragment);
        Assert.False(i.IsLaterFragment);
        Assert.Equal(123, i.DestinationPort);
    }

    [Fact]
    public void Ipv6_extension_headers_are_walked()
    {
        byte[] hopByHop = [60, 0, 1, 4, 0, 0, 0, 0];      // next: destination options
        byte[] dest = [44, 0, 1, 4, 0, 0, 0, 0];          // next: fragment
        byte[] frag = [17, 0, 0, 0, 0, 0, 0, 1];          // next: UDP, offset 0
        var (i, log) = Decode(LinkType.IPv6, LinkLayerTests.Ipv6Udp([.. hopByHop, .. dest, .. frag], firstNext: 0));
        Assert.Equal(6, i.IpVersion);
        Assert.Equal(17, i.Protocol);
        Assert.True(i.IsFragment);
        Assert.Equal(53, i.DestinationPort);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Truncated_headers_are_counted_by_layer()
    {
        var f = Frames.Tcp(0x02);
        Assert.Equal(1, Decode(LinkType.Ethernet, f[..10]).Log.Count(ProtocolAnomalies.TruncatedLinkHeader));
        Assert.Equal(1, Decode(LinkType.Ethernet, f[..30]).Log.Count(ProtocolAnomalies.TruncatedIPv4));
        Assert.Equal(1, Decode(LinkType.Ethernet, f[..40]).Log.Count(ProtocolAnomalies.TruncatedTcp));
    }

    [Fact]
    public void Snapped_payloads_report_wire_and_captured_lengths()
    {
        var f = Frames.Udp(1000)[..100];
        var (i, log) = Decode(LinkType.Ethernet, f);
        Assert.Equal(1000, i.PayloadWireLength);
        Assert.Equal(58, i.PayloadLength);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Tcp_flags_and_payload()
    {
        var (i, _) = Decode(LinkType.Ethernet, Frames.Tcp(0x18, 77));
        Assert.Equal(0x18, i.TcpFlags);
        Assert.Equal(77, i.PayloadLength);
        Assert.Equal(443, i.DestinationPort);
    }

    [Fact]
    public void Bad_tcp_data_offset_is_malformed()
    {
        var f = Frames.Tcp(0x10, 10);
        f[14 + 20 + 12] = 0x20; // data offset 2 words
        Assert.Equal(1, Decode(LinkType.Ethernet, f).Log.Count(ProtocolAnomalies.BadTcpDataOffset));
    }
}
