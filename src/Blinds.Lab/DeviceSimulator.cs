using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>What one scheduled packet is; the simulator turns it into a frame when its time comes.</summary>
internal enum PacketKind : byte
{
    DhcpDiscover,
    DhcpOffer,
    DhcpRequest,
    DhcpAck,
    DnsQuery,
    DnsResponse,
    Syn,
    SynAck,
    Ack,
    ClientHello,
    Data,
    SsdpNotify,
    Mdns,
    HttpRequest,
    HttpResponse,
}

/// <summary>One packet waiting for its time.</summary>
internal readonly record struct PendingPacket(long TimeNs, PacketKind Kind, bool Up, int Service, int PayloadBytes);

/// <summary>
/// One device's behaviour as a stream of packets in time order: start-up (DHCP, DNS, TLS), heartbeats, a background
/// upload, and the bursts that user activities cause. Deterministic for a given seed.
/// </summary>
internal sealed class DeviceSimulator
{
    private const int Mss = 1448;
    private readonly PriorityQueue<PendingPacket, (long, long)> pending = new();
    private readonly Queue<(long TimeNs, string Activity)> activities;
    private readonly long endNs;
    private long order;
    private long nextHeartbeat;
    private long nextStream;
    private long nextRequery;
    private long nextRotation;
    private bool live;

    public DeviceSimulator(LabDevice device, long startNs, long endNs, int seed, IEnumerable<(long TimeNs, string Activity)> activities)
    {
        Device = device;
        this.endNs = endNs;
        Random = new Random(seed);
        this.activities = new Queue<(long, string)>(activities.OrderBy(a => a.TimeNs));
        Connections = new TcpConnection[device.Domains.Count];
        for (var i = 0; i < Connections.Length; i++)
        {
            Connections[i] = new TcpConnection((ushort)(40000 + i + Random.Next(0, 20000)), (uint)Random.Next(), (uint)Random.Next());
        }

        CurrentMac = device.Mac;
        Macs.Add((startNs, device.Mac));
        nextRotation = device.MacRotation is { } every ? startNs + (long)every.TotalNanoseconds : long.MaxValue;
        var t = startNs + Seconds(Random.NextDouble() * 5);
        StartUp(t);
        nextHeartbeat = t + Seconds(10 + (Random.NextDouble() * Device.HeartbeatSeconds));
        nextStream = device.StreamBytesPerSecond > 0 ? t + Seconds(15) : long.MaxValue;
        nextRequery = t + Seconds(3600);
    }

    public LabDevice Device { get; }

    /// <summary>The MAC the device uses now (changes when it randomises).</summary>
    public MacAddress CurrentMac { get; private set; }

    /// <summary>Every MAC the device used, from when: ground truth for MAC linking.</summary>
    public List<(long FromNs, MacAddress Mac)> Macs { get; } = [];

    public Random Random { get; }

    public TcpConnection[] Connections { get; }

    /// <summary>Events that were played, with their real times.</summary>
    public List<LabEvent> Played { get; } = [];

    /// <summary>Time of the next packet, or long.MaxValue when done.</summary>
    public long NextTime
    {
        get
        {
            Refill();
            return pending.TryPeek(out var p, out _) ? p.TimeNs : long.MaxValue;
        }
    }

    public PendingPacket Take()
    {
        Refill();
        return pending.Dequeue();
    }

    private void Refill()
    {
        // Expand timers and activities until something is pending at or before the next timer, so packets leave in order.
        while (true)
        {
            var nextActivity = activities.TryPeek(out var a) ? a.TimeNs : long.MaxValue;
            var nextTimer = Math.Min(Math.Min(Math.Min(nextHeartbeat, nextStream), Math.Min(nextRequery, nextActivity)), nextRotation);
            if (nextTimer >= endNs || (pending.TryPeek(out var p, out _) && p.TimeNs <= nextTimer))
            {
                return;
            }

            if (nextTimer == nextRotation)
            {
                Rotate(nextRotation);
            }
            else if (nextTimer == nextActivity)
            {
                activities.Dequeue();
                Activity(a.TimeNs, a.Activity);
            }
            else if (nextTimer == nextStream)
            {
                StreamPacket(nextStream);
            }
            else if (nextTimer == nextHeartbeat)
            {
                HeartbeatAt(nextHeartbeat);
                nextHeartbeat += Seconds(Device.HeartbeatSeconds * (0.9 + (0.2 * Random.NextDouble())));
            }
            else
            {
                for (var i = 0; i < Device.Domains.Count; i++)
                {
                    Dns(nextRequery + Millis(i * 7), i);
                }

                nextRequery += Seconds(3600);
            }
        }
    }

    private void Rotate(long t)
    {
        // A random MAC with the locally administered bit set and the group bit clear, as iOS and Android make them.
        var bytes = new byte[6];
        Random.NextBytes(bytes);
        bytes[0] = (byte)((bytes[0] & 0xfc) | 0x02);
        CurrentMac = MacAddress.Read(bytes);
        Macs.Add((t, CurrentMac));
        nextRotation = t + (long)Device.MacRotation!.Value.TotalNanoseconds;
        for (var i = 0; i < Connections.Length; i++)
        {
            Connections[i] = new TcpConnection((ushort)(40000 + i + Random.Next(0, 20000)), (uint)Random.Next(), (uint)Random.Next());
        }

        StartUp(t + Seconds(1));
    }

    private void StartUp(long t)
    {
        // Joining the network (DHCP, DNS, TLS to every service) is a burst an observer sees like any activity: it is
        // ground truth too.
        if (t < endNs)
        {
            Played.Add(new LabEvent(t, Device.Name, "startup"));
        }

        Add(t, PacketKind.DhcpDiscover, true, 0, 0);
        Add(t + Millis(2), PacketKind.DhcpOffer, false, 0, 0);
        Add(t + Millis(4), PacketKind.DhcpRequest, true, 0, 0);
        Add(t + Millis(6), PacketKind.DhcpAck, false, 0, 0);
        t += Millis(300);
        if (Device.Kind is BehaviourModel.HueBridge or BehaviourModel.Phone)
        {
            Add(t, PacketKind.Mdns, true, 0, 0);
        }

        for (var i = 0; i < Device.Domains.Count; i++)
        {
            var at = t + Millis(50 * i);
            Dns(at, i);
            Add(at + Millis(30), PacketKind.Syn, true, i, 0);
            Add(at + Millis(60), PacketKind.SynAck, false, i, 0);
            Add(at + Millis(61), PacketKind.Ack, true, i, 0);
            Add(at + Millis(62), PacketKind.ClientHello, true, i, 0);
            Burst(at + Millis(90), i, up: false, bytes: 3800, seconds: 0.05);
        }
    }

    private void Dns(long t, int service)
    {
        Add(t, PacketKind.DnsQuery, true, service, 0);
        Add(t + Millis(12 + Random.Next(20)), PacketKind.DnsResponse, false, service, 0);
    }

    private void HeartbeatAt(long t)
    {
        var service = Device.Domains.Count > 1 && Random.NextDouble() < 0.3 ? 1 + Random.Next(Device.Domains.Count - 1) : 0;
        Add(t, PacketKind.Data, true, service, Jitter(Device.Heartbeat.Up));
        Add(t + Millis(40 + Random.Next(60)), PacketKind.Data, false, service, Jitter(Device.Heartbeat.Down));
        Add(t + Millis(110 + Random.Next(40)), PacketKind.Ack, true, service, 0);
        if (Device.Kind == BehaviourModel.HueBridge)
        {
            // Hue bridges announce themselves over SSDP in groups, about once a minute (paper 003 saw every 52 s... per cycle).
            for (var i = 0; i < 3; i++)
            {
                Add(t + Millis(200 + (i * 30)), PacketKind.SsdpNotify, true, i, 0);
            }
        }
    }

    private void StreamPacket(long t)
    {
        var size = Device.StreamPacketBytes;
        Add(t, PacketKind.Data, true, 0, size);
        if (Random.Next(2) == 0)
        {
            Add(t + Millis(20 + Random.Next(20)), PacketKind.Ack, false, 0, 0);
        }

        var rate = Device.StreamBytesPerSecond * (live ? Device.LiveFactor : 1);
        var mean = size / rate;
        nextStream = t + Seconds(-Math.Log(1 - Random.NextDouble()) * mean);
    }

    private void Activity(long t, string activity)
    {
        Played.Add(new LabEvent(t, Device.Name, activity));
        switch (activity)
        {
            case "live_view_start":
                live = true;
                if (nextStream == long.MaxValue)
                {
                    nextStream = t;
                }

                break;
            case "live_view_stop":
                live = false;
                if (Device.StreamBytesPerSecond <= 0)
                {
                    nextStream = long.MaxValue;
                }

                break;
            case "app_open" when Device.Kind == BehaviourModel.Phone:
                Add(t, PacketKind.HttpRequest, true, 0, 0);
                Add(t + Millis(30), PacketKind.HttpResponse, false, 0, 900);
                Burst(t + Millis(100), 0, up: true, bytes: Device.Burst.Up, seconds: 1);
                Burst(t + Millis(300), 0, up: false, bytes: Device.Burst.Down, seconds: 2);
                break;
            case "question":
                Burst(t, 0, up: true, bytes: Device.Burst.Up, seconds: 3 + Random.NextDouble());
                Burst(t + Seconds(4), 0, up: false, bytes: Device.Burst.Down, seconds: 3 + Random.NextDouble());
                break;
            case "browse":
                // A browsing session: several sites, each a page of 0.2-2 MB over a few seconds.
                for (var i = 0; i < 5; i++)
                {
                    var site = Random.Next(Device.Domains.Count);
                    var at = t + Seconds(i * (20 + (Random.NextDouble() * 40)));
                    Dns(at, site);
                    Burst(at + Millis(50), site, up: true, bytes: Device.Burst.Up, seconds: 0.5);
                    Burst(at + Millis(150), site, up: false, bytes: 200_000 + Random.Next(1_800_000), seconds: 2 + (Random.NextDouble() * 3));
                }

                break;
            case "software_update":
                Burst(t, 0, up: true, bytes: Device.Burst.Up, seconds: 1);
                Burst(t + Seconds(1), 0, up: false, bytes: Device.Burst.Down, seconds: Math.Max(30, Device.Burst.Down / 2_000_000.0));
                break;
            default:
                Burst(t, 0, up: true, bytes: Device.Burst.Up, seconds: 1.5);
                Burst(t + Millis(200), 0, up: false, bytes: Device.Burst.Down, seconds: 1.5);
                break;
        }
    }

    private void Burst(long t, int service, bool up, int bytes, double seconds)
    {
        var packets = Math.Max(1, (bytes + Mss - 1) / Mss);
        var gap = Seconds(seconds / packets);
        for (var i = 0; i < packets; i++)
        {
            var size = Math.Min(Mss, bytes - (i * Mss));
            var at = t + (gap * i) + Millis(Random.Next(5));
            Add(at, PacketKind.Data, up, service, size);
            if (i % 2 == 1)
            {
                Add(at + Millis(15), PacketKind.Ack, !up, service, 0);
            }
        }
    }

    private int Jitter(int bytes) => Math.Max(1, (int)(bytes * (0.9 + (0.2 * Random.NextDouble()))));

    private void Add(long t, PacketKind kind, bool up, int service, int payload)
    {
        if (t < endNs)
        {
            pending.Enqueue(new PendingPacket(t, kind, up, service, payload), (t, order++));
        }
    }

    private static long Seconds(double s) => (long)(s * 1e9);

    private static long Millis(int ms) => ms * 1_000_000L;
}

/// <summary>Sequence numbers of one device's TCP connection to one service.</summary>
internal sealed class TcpConnection(ushort localPort, uint localSeq, uint remoteSeq)
{
    public ushort LocalPort { get; } = localPort;

    public uint LocalSeq { get; set; } = localSeq;

    public uint RemoteSeq { get; set; } = remoteSeq;
}
