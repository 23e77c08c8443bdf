using System.Text;

using Blinds.Lab.Packets;
using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>
/// Plays a <see cref="Scenario"/>: merges every device's packets in time order and hands each finished frame to a
/// callback (usually a capture writer). Streams: memory holds only each device's next few packets.
/// </summary>
public sealed class HomeSimulator
{
    private static readonly MacAddress MdnsMac = MacAddress.Parse("01:00:5e:00:00:fb");
    private static readonly MacAddress SsdpMac = MacAddress.Parse("01:00:5e:7f:ff:fa");
    private static readonly IpAddress MdnsIp = IpAddress.FromV4(0xe00000fb);
    private static readonly IpAddress SsdpIp = IpAddress.FromV4(0xeffffffa);
    private readonly Scenario scenario;
    private readonly byte[] frame = new byte[2048];
    private readonly byte[] payload = new byte[2048];

    /// <summary>Prepares a run.</summary>
    public HomeSimulator(Scenario scenario) => this.scenario = scenario ?? throw new ArgumentNullException(nameof(scenario));

    /// <summary>After <see cref="Run"/>: every MAC each device used and from when (phones that randomise have several).</summary>
    public IReadOnlyList<(LabDevice Device, long FromNs, MacAddress Mac)> MacsUsed { get; private set; } = [];

    /// <summary>The fake "API key" the phone sends to the Hue bridge in the clear (paper 003's finding), for tests of redaction.</summary>
    public static string HueApiKey => "1028d66426293e821ecfd9ef1a0731df";

    /// <summary>The remote address a domain resolves to: stable, public, derived from the name.</summary>
    public static IpAddress AddressOf(string domain)
    {
        var h = Fnv1a(domain);
        // 52.0.0.0/8 and 54.0.0.0/8 are public cloud space; nothing is ever sent there, the capture only names them.
        return IpAddress.FromV4(((h & 1) == 0 ? 52u << 24 : 54u << 24) | (h & 0x00ff_fffe) | 1);
    }

    /// <summary>Runs the scenario; <paramref name="onFrame"/> gets (time ns, frame bytes) in time order. Returns the played activities.</summary>
    public IReadOnlyList<LabEvent> Run(FrameHandler onFrame)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        var start = scenario.Start.ToUnixTimeMilliseconds() * 1_000_000L;
        var end = start + (long)scenario.Duration.TotalNanoseconds;
        var sims = scenario.Devices.Select((d, i) => new DeviceSimulator(
            d,
            start,
            end,
            (int)(((uint)scenario.Seed * 2654435761u) ^ ((uint)i * 40503u)) & 0x7fffffff, // stable across processes, unlike HashCode.Combine
            scenario.Activities.Where(a => a.Device == d.Name).Select(a => (start + (long)a.At.TotalNanoseconds, a.Activity)))).ToArray();
        var queue = new PriorityQueue<int, (long, int)>();
        for (var i = 0; i < sims.Length; i++)
        {
            var t = sims[i].NextTime;
            if (t != long.MaxValue)
            {
                queue.Enqueue(i, (t, i));
            }
        }

        ushort ipId = 1;
        while (queue.TryDequeue(out var i, out _))
        {
            var sim = sims[i];
            var p = sim.Take();
            var len = Frame(sim, p, ipId++);
            onFrame(p.TimeNs, frame.AsSpan(0, len));
            var next = sim.NextTime;
            if (next != long.MaxValue)
            {
                queue.Enqueue(i, (next, i));
            }
        }

        MacsUsed = sims.SelectMany(s => s.Macs.Select(m => (s.Device, m.FromNs, m.Mac))).ToArray();
        return sims.SelectMany(s => s.Played).OrderBy(e => e.TimeNs).ThenBy(e => e.Device, StringComparer.Ordinal).ToArray();
    }

    /// <summary>FNV-1a: a stable hash (string.GetHashCode changes per process, and output must not).</summary>
    private static uint Fnv1a(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    private int Frame(DeviceSimulator sim, PendingPacket p, ushort ipId)
    {
        var d = sim.Device;
        var gwMac = scenario.GatewayMac;
        var gwIp = scenario.GatewayAddress;
        var span = frame.AsSpan();
        var pl = payload.AsSpan();
        var domain = d.Domains.Count > 0 ? d.Domains[p.Service % d.Domains.Count] : "example.com";
        var remote = AddressOf(domain);
        var conn = sim.Connections.Length > 0 ? sim.Connections[p.Service % sim.Connections.Length] : new TcpConnection(40000, 0, 0);
        var mac = sim.CurrentMac;
        var xid = (uint)mac.Value;
        switch (p.Kind)
        {
            case PacketKind.DhcpDiscover or PacketKind.DhcpRequest:
                {
                    var n = AppPayloads.DhcpClient(pl, p.Kind == PacketKind.DhcpDiscover ? (byte)1 : (byte)3, xid, mac, d.HostName, d.VendorClass, d.ParameterList, p.Kind == PacketKind.DhcpRequest ? d.Address : default);
                    return FrameBuilder.Udp(span, mac, MacAddress.Broadcast, IpAddress.FromV4(0), 68, IpAddress.FromV4(0xffffffff), 67, pl[..n], 64, ipId);
                }

            case PacketKind.DhcpOffer or PacketKind.DhcpAck:
                {
                    var n = AppPayloads.DhcpServer(pl, p.Kind == PacketKind.DhcpOffer ? (byte)2 : (byte)5, xid, mac, d.Address, gwIp);
                    return FrameBuilder.Udp(span, gwMac, mac, gwIp, 67, d.Address, 68, pl[..n], 64, ipId);
                }

            case PacketKind.DnsQuery:
                {
                    var n = AppPayloads.DnsQuery(pl, (ushort)(xid + (uint)p.Service), domain);
                    return FrameBuilder.Udp(span, mac, gwMac, d.Address, (ushort)(50000 + p.Service), gwIp, 53, pl[..n], 64, ipId);
                }

            case PacketKind.DnsResponse:
                {
                    // Every other name answers through a CDN alias, as cloud services do; the trace must label by the name asked.
                    var cname = (Fnv1a(domain) & 2) == 0 ? null : $"{domain.Split('.')[0]}.edge.cdn-example.net";
                    var n = AppPayloads.DnsResponse(pl, (ushort)(xid + (uint)p.Service), domain, cname, [remote]);
                    return FrameBuilder.Udp(span, gwMac, mac, gwIp, 53, d.Address, (ushort)(50000 + p.Service), pl[..n], 64, ipId);
                }

            case PacketKind.Syn:
                return Tcp(span, d, mac, true, remote, conn, 0x02, [], 0, ipId);
            case PacketKind.SynAck:
                return Tcp(span, d, mac, false, remote, conn, 0x12, [], 0, ipId);
            case PacketKind.Ack:
                return Tcp(span, d, mac, p.Up, remote, conn, 0x10, [], 0, ipId);
            case PacketKind.ClientHello:
                {
                    var n = AppPayloads.TlsClientHello(pl, domain, d.Alpn, sim.Random);
                    return Tcp(span, d, mac, true, remote, conn, 0x18, pl[..n], n, ipId);
                }

            case PacketKind.Data:
                return Tcp(span, d, mac, p.Up, remote, conn, 0x18, [], p.PayloadBytes, ipId);
            case PacketKind.SsdpNotify:
                {
                    var types = new[] { "upnp:rootdevice", "urn:schemas-upnp-org:device:basic:1", $"uuid:2f402f80-da50-11e1-9b23-{d.Mac.Value:x12}" };
                    var nt = types[p.Service % types.Length];
                    var n = AppPayloads.SsdpNotify(pl, $"http://{d.Address}:80/description.xml", nt, $"uuid:2f402f80-da50-11e1-9b23-{d.Mac.Value:x12}::{nt}", "Linux/3.14.0 UPnP/1.0 IpBridge/1.16.0");
                    return FrameBuilder.Udp(span, mac, SsdpMac, d.Address, 1900, SsdpIp, 1900, pl[..n], 4, ipId);
                }

            case PacketKind.Mdns:
                {
                    var n = AppPayloads.MdnsAnnouncement(pl, $"{d.HostName ?? d.Name}.local", d.Address);
                    return FrameBuilder.Udp(span, mac, MdnsMac, d.Address, 5353, MdnsIp, 5353, pl[..n], 255, ipId);
                }

            case PacketKind.HttpRequest or PacketKind.HttpResponse:
                {
                    var hue = scenario.Devices.FirstOrDefault(x => x.Kind == BehaviourModel.HueBridge);
                    if (hue is null)
                    {
                        return Tcp(span, d, mac, p.Up, remote, conn, 0x18, [], Math.Max(p.PayloadBytes, 100), ipId);
                    }

                    if (p.Kind == PacketKind.HttpRequest)
                    {
                        var n = AppPayloads.HttpRequest(pl, "GET", $"/api/{HueApiKey}/lights", hue.Address.ToString(), "Hue/3.4.0 (iPhone; iOS 16.1)");
                        return FrameBuilder.Tcp(span, mac, hue.Mac, d.Address, 51000, hue.Address, 80, 1, 1, 0x18, pl[..n], n, 64, ipId);
                    }

                    var body = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"u8;
                    return FrameBuilder.Tcp(span, hue.Mac, mac, hue.Address, 80, d.Address, 51000, 1, 1, 0x18, body, body.Length + p.PayloadBytes, 64, ipId);
                }

            default:
                throw new InvalidOperationException($"unknown packet kind {p.Kind}");
        }
    }

    private int Tcp(Span<byte> span, LabDevice d, MacAddress mac, bool up, IpAddress remote, TcpConnection c, byte flags, ReadOnlySpan<byte> data, int length, ushort ipId)
    {
        int n;
        var ackFlag = (flags & 0x10) != 0; // a segment without ACK (the SYN) carries 0 there, as real stacks send
        if (up)
        {
            n = FrameBuilder.Tcp(span, mac, scenario.GatewayMac, d.Address, c.LocalPort, remote, 443, c.LocalSeq, ackFlag ? c.RemoteSeq : 0, flags, data, length, 64, ipId);
            c.LocalSeq += (uint)length + ((flags & 0x02) != 0 ? 1u : 0u);
        }
        else
        {
            n = FrameBuilder.Tcp(span, scenario.GatewayMac, mac, remote, 443, d.Address, c.LocalPort, c.RemoteSeq, ackFlag ? c.LocalSeq : 0, flags, data, length, 52, ipId);
            c.RemoteSeq += (uint)length + ((flags & 0x02) != 0 ? 1u : 0u);
        }

        return n;
    }
}

/// <summary>Receives one generated frame.</summary>
/// <param name="timeNs">Capture time, ns since the epoch.</param>
/// <param name="frame">The Ethernet frame (valid only during the call).</param>
public delegate void FrameHandler(long timeNs, ReadOnlySpan<byte> frame);
