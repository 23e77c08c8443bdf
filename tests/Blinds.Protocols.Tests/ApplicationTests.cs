using System.Text;

using Blinds.Capture.Anomalies;
using Blinds.Lab.Packets;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Dhcp;
using Blinds.Protocols.Dns;
using Blinds.Protocols.Http;
using Blinds.Protocols.Ssdp;
using Blinds.Protocols.Tls;

using Xunit;

namespace Blinds.Protocols.Tests;

public class ApplicationTests
{
    private sealed class Recorder : IDnsVisitor
    {
        public List<string> Lines { get; } = [];

        public void OnQuestion(ReadOnlySpan<byte> name, ushort type) => Lines.Add($"Q {Encoding.ASCII.GetString(name)} {type}");

        public void OnAnswer(ReadOnlySpan<byte> owner, ushort type, uint ttl, IpAddress address, ReadOnlySpan<byte> target) =>
            Lines.Add($"A {Encoding.ASCII.GetString(owner)} {type} {ttl} {(type is 1 or 28 ? address.ToString() : Encoding.ASCII.GetString(target))}");
    }

    [Fact]
    public void Dns_response_with_cname_chain_and_compression()
    {
        var buf = new byte[512];
        var n = AppPayloads.DnsResponse(buf, 7, "Nexus.Dropcam.com", "nexus.edge.cdn-example.net", [IpAddress.FromV4(0x34000001), IpAddress.FromV4(0x34000002)], 60);
        var r = new Recorder();
        Assert.True(DnsParser.Parse(buf.AsSpan(0, n), r, new AnomalyLog()));
        Assert.Equal(
            [
                "Q nexus.dropcam.com 1",
                "A nexus.dropcam.com 5 60 nexus.edge.cdn-example.net",
                "A nexus.edge.cdn-example.net 1 60 52.0.0.1",
                "A nexus.edge.cdn-example.net 1 60 52.0.0.2",
            ],
            r.Lines);
    }

    [Fact]
    public void Dns_pointer_loop_is_counted_not_followed_forever()
    {
        // Header + question whose name is a pointer to itself.
        byte[] m = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1];
        var log = new AnomalyLog();
        Assert.False(DnsParser.Parse(m, new Recorder(), log));
        Assert.Equal(1, log.Count(ProtocolAnomalies.DnsLabelLoop));
    }

    [Fact]
    public void Dns_pointer_outside_the_message_is_malformed()
    {
        byte[] m = [0, 1, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc1, 0xff, 0, 1, 0, 1];
        var log = new AnomalyLog();
        Assert.False(DnsParser.Parse(m, new Recorder(), log));
        Assert.Equal(1, log.Count(ProtocolAnomalies.DnsBadPointer));
    }

    [Fact]
    public void Dns_cut_inside_a_record_keeps_what_came_before()
    {
        var buf = new byte[512];
        var n = AppPayloads.DnsResponse(buf, 7, "a.example", null, [IpAddress.FromV4(1)]);
        var r = new Recorder();
        var log = new AnomalyLog();
        Assert.False(DnsParser.Parse(buf.AsSpan(0, n - 3), r, log));
        Assert.Equal(["Q a.example 1"], r.Lines);
        Assert.Equal(1, log.Count(ProtocolAnomalies.TruncatedDns));
    }

    [Fact]
    public void Mdns_announcement()
    {
        var buf = new byte[512];
        var n = AppPayloads.MdnsAnnouncement(buf, "Philips-hue.local", IpAddress.FromV4(0xc0a8011a));
        var r = new Recorder();
        Assert.True(DnsParser.Parse(buf.AsSpan(0, n), r, new AnomalyLog()));
        Assert.Equal(["A philips-hue.local 1 120 192.168.1.26"], r.Lines);
    }

    [Fact]
    public void Dhcp_request_options()
    {
        var buf = new byte[600];
        var mac = MacAddress.Parse("94:10:3e:35:01:c1");
        var n = AppPayloads.DhcpClient(buf, 3, 0x1234, mac, "wemo", "udhcp 1.22.1", [1, 3, 6, 12, 15, 28, 42], IpAddress.FromV4(0xc0a80117));
        Assert.True(DhcpMessage.TryParse(buf.AsSpan(0, n), out var m, new AnomalyLog()));
        Assert.Equal(3, m.MessageType);
        Assert.Equal(mac, m.ClientMac);
        Assert.Equal("wemo", Encoding.ASCII.GetString(m.HostName));
        Assert.Equal("udhcp 1.22.1", Encoding.ASCII.GetString(m.VendorClass));
        Assert.Equal(new byte[] { 1, 3, 6, 12, 15, 28, 42 }, m.ParameterList.ToArray());
        Assert.Equal(IpAddress.FromV4(0xc0a80117), m.RequestedIp);
        Assert.Equal(7, m.ClientId.Length);
    }

    [Fact]
    public void Dhcp_option_running_past_the_end_is_counted()
    {
        var buf = new byte[600];
        var n = AppPayloads.DhcpClient(buf, 1, 1, MacAddress.Parse("00:00:00:00:00:01"), "x", null, [1], default);
        buf[n - 1] = 12;  // replace END with option 12...
        buf[n] = 200;     // ...claiming 200 bytes
        var log = new AnomalyLog();
        Assert.True(DhcpMessage.TryParse(buf.AsSpan(0, n + 1), out _, log));
        Assert.Equal(1, log.Count(ProtocolAnomalies.DhcpBadOption));
    }

    [Fact]
    public void Tls_client_hello_sni_and_alpn()
    {
        var buf = new byte[1024];
        var n = AppPayloads.TlsClientHello(buf, "avs-alexa-na.amazon.com", "h2", new Random(1));
        Assert.True(TlsClientHello.TryParse(buf.AsSpan(0, n), out var h, new AnomalyLog()));
        Assert.Equal("avs-alexa-na.amazon.com", Encoding.ASCII.GetString(h.ServerName));
        Assert.Equal("h2", Encoding.ASCII.GetString(h.Alpn));
        Assert.Equal(0x0303, h.Version);
    }

    [Fact]
    public void Tls_client_hello_cut_before_extensions_is_truncated()
    {
        var buf = new byte[1024];
        var n = AppPayloads.TlsClientHello(buf, "x.example", null, new Random(1));
        var log = new AnomalyLog();
        TlsClientHello.TryParse(buf.AsSpan(0, 60), out var h, log);
        Assert.True(h.ServerName.IsEmpty);
        Assert.Equal(1, log.Count(ProtocolAnomalies.TruncatedTls));
        Assert.True(n > 60);
    }

    [Fact]
    public void Http_request_with_credentials()
    {
        var p = "GET /api/1028d66426293e821ecfd9ef1a0731df/lights HTTP/1.1\r\nHost: 192.168.1.26\r\nUser-Agent: Hue/3.4\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n"u8;
        Assert.True(HttpRequest.TryParse(p, out var r, new AnomalyLog()));
        Assert.Equal("GET", Encoding.ASCII.GetString(r.Method));
        Assert.Equal("/api/1028d66426293e821ecfd9ef1a0731df/lights", Encoding.ASCII.GetString(r.Target));
        Assert.Equal("192.168.1.26", Encoding.ASCII.GetString(r.Host));
        Assert.Equal("Hue/3.4", Encoding.ASCII.GetString(r.UserAgent));
        Assert.True(r.HasAuthorization);
    }

    [Theory]
    [InlineData("GETX / HTTP/1.1\r\n\r\n")]
    [InlineData("HELLO world\r\n")]
    [InlineData("\u0016\u0003\u0001")]
    public void Non_http_is_not_a_request(string text) => Assert.False(HttpRequest.TryParse(Encoding.Latin1.GetBytes(text), out _, new AnomalyLog()));

    [Fact]
    public void Ssdp_notify()
    {
        var buf = new byte[1024];
        var n = AppPayloads.SsdpNotify(buf, "http://192.168.1.26:80/description.xml", "upnp:rootdevice", "uuid:abc::upnp:rootdevice", "Linux/3.14.0 UPnP/1.0 IpBridge/1.16.0");
        Assert.True(SsdpMessage.TryParse(buf.AsSpan(0, n), out var m));
        Assert.Equal(SsdpKind.Notify, m.Kind);
        Assert.Equal("upnp:rootdevice", Encoding.ASCII.GetString(m.NotificationType));
        Assert.Equal("ssdp:alive", Encoding.ASCII.GetString(m.NotificationSubtype));
        Assert.Equal("Linux/3.14.0 UPnP/1.0 IpBridge/1.16.0", Encoding.ASCII.GetString(m.Server));
        Assert.Equal("http://192.168.1.26:80/description.xml", Encoding.ASCII.GetString(m.Location));
    }

    [Theory]
    [InlineData("00:17:88:24:76:FF", 0x001788_2476ffUL)]
    [InlineData("00-17-88-24-76-ff", 0x001788_2476ffUL)]
    [InlineData("f8:da:c:7b:a:8f", 0xf8da0c_7b0a8fUL)]
    [InlineData("001788aabbcc", 0x001788_aabbccUL)]
    public void Mac_parsing(string text, ulong value)
    {
        Assert.True(MacAddress.TryParse(text, out var m));
        Assert.Equal(value, m.Value);
    }

    [Theory]
    [InlineData("192.168.1.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("224.0.0.251", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("ff02::fb", true)]
    [InlineData("2001:db8::1", false)]
    public void Local_addresses(string text, bool local)
    {
        Assert.True(IpAddress.TryParse(text, out var a));
        Assert.Equal(local, a.IsLocal);
        Assert.Equal(text, a.ToString());
    }
}
