using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Ethernet;

namespace Blinds.Attacks.Identification;

/// <summary>
/// What a device's own packets look like, whatever it names (issue 18 item 3): the protocols, ports, sizes and
/// directions of the first packets it sends (the per-packet fingerprint of IoT Sentinel, Miettinen et al. 2017: 12 packets),
/// the first packet each way of each flow, and whole-capture statistics (protocol and port mix, size
/// distribution, inter-arrival times and burstiness, peers). Fed one decoded packet at a time; bounded memory
/// except for the distinct peers and flows it counts.
/// </summary>
public sealed class TrafficProfile
{
    /// <summary>Packets of the per-packet fingerprint.</summary>
    public const int FirstPackets = 12;

    private const int MaxFlows = 4096;

    private static readonly int[] SizeEdges = [64, 128, 256, 512, 1024, 1500];

    private readonly MacAddress mac;
    private readonly double[] first = new double[FirstPackets * 3];
    private readonly double[] counts = new double[Enum.GetValues<Count>().Length];
    private readonly double[] sizeBuckets = new double[SizeEdges.Length + 1];
    private readonly List<double> sentSizes = [];
    private readonly List<double> gaps = [];
    private readonly HashSet<IpAddress> remotes = [];
    private readonly HashSet<int> remotePorts = [];
    private readonly HashSet<MacAddress> peers = [];
    private readonly Dictionary<(IpAddress, int, int, byte), Flow> flows = [];
    private int firstCount;
    private long lastSentNs = long.MinValue;
    private double ttlSum;

    /// <summary>A profile of the device with <paramref name="mac"/>.</summary>
    public TrafficProfile(MacAddress mac) => this.mac = mac;

    private enum Count
    {
        Packets, Sent, Bytes, SentBytes, ReceivedBytes, Arp, Ipv6, Tcp, Udp, Icmp, Eapol, OtherLink, Group,
        Dns, Dhcp, Ntp, Http, Https, Ssdp, Mdns, WellKnown, Registered, Dynamic, TcpSyn, IpSent,
    }

    /// <summary>Packets seen.</summary>
    public long Packets => (long)counts[(int)Count.Packets];

    /// <summary>Names of the features of <see cref="Vector"/>, in order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = BuildNames();

    /// <summary>Counts one packet the device sent or received (<paramref name="info"/> decoded; <paramref name="wireLength"/> its length on the wire).</summary>
    public void Add(in PacketInfo info, int wireLength, long timestampNs)
    {
        var sent = info.SourceMac == mac;
        Inc(Count.Packets);
        Inc(Count.Bytes, wireLength);
        Inc(sent ? Count.SentBytes : Count.ReceivedBytes, wireLength);
        var protocol = ProtocolCode(info);
        var remotePort = !info.HasPorts ? -1 : sent ? info.DestinationPort : info.SourcePort;
        var localPort = !info.HasPorts ? -1 : sent ? info.SourcePort : info.DestinationPort;
        var service = PortClass(info.HasPorts ? Math.Min(info.SourcePort, info.DestinationPort) : -1);
        switch (protocol)
        {
            case 1: Inc(Count.Arp); break;
            case 2: Inc(Count.Udp); break;
            case 3: Inc(Count.Tcp); break;
            case 4: Inc(Count.Icmp); break;
            case 6 when info.EtherType == EtherTypes.Eapol: Inc(Count.Eapol); break;
            case 6: Inc(Count.OtherLink); break;
        }

        if (info.IpVersion == 6)
        {
            Inc(Count.Ipv6);
        }

        if (service > 0)
        {
            Inc(Count.Dns + (service - 1));
        }

        if (info.Protocol == PacketDecoder.Tcp && (info.TcpFlags & 0x12) == 0x02)
        {
            Inc(Count.TcpSyn);
        }

        if (sent)
        {
            Inc(Count.Sent);
            sentSizes.Add(wireLength);
            sizeBuckets[Bucket(wireLength)]++;
            if (info.HasMac && info.DestinationMac.IsGroup)
            {
                Inc(Count.Group);
            }

            if (info.IpVersion != 0)
            {
                Inc(Count.IpSent);
                ttlSum += info.Ttl;
            }

            if (lastSentNs != long.MinValue && timestampNs >= lastSentNs)
            {
                gaps.Add((timestampNs - lastSentNs) / 1e9);
            }

            lastSentNs = timestampNs;
            if (firstCount < FirstPackets)
            {
                first[firstCount * 3] = wireLength;
                first[(firstCount * 3) + 1] = protocol;
                first[(firstCount * 3) + 2] = service;
                firstCount++;
            }
        }

        if (info.HasMac)
        {
            peers.Add(sent ? info.DestinationMac : info.SourceMac);
        }

        if (info.IpVersion != 0)
        {
            var remote = sent ? info.DestinationIp : info.SourceIp;
            remotes.Add(remote);
            if (remotePort >= 0)
            {
                remotePorts.Add(remotePort);
                var key = (remote, remotePort, localPort, info.Protocol);
                if (flows.TryGetValue(key, out var flow))
                {
                    flow.Packets++;
                    if (!sent && flow.FirstDown == 0)
                    {
                        flow.FirstDown = wireLength;
                    }
                    else if (sent && flow.FirstUp == 0)
                    {
                        flow.FirstUp = wireLength;
                    }
                }
                else if (flows.Count < MaxFlows)
                {
                    flows[key] = new Flow { Packets = 1, Initiated = sent, FirstUp = sent ? wireLength : 0, FirstDown = sent ? 0 : wireLength };
                }
            }
        }
    }

    /// <summary>The feature vector, in the order of <see cref="FeatureNames"/>.</summary>
    public float[] Vector()
    {
        var v = new List<double>(FeatureNames.Count);
        var n = Math.Max(1, counts[(int)Count.Packets]);
        var sentCount = Math.Max(1, counts[(int)Count.Sent]);
        v.Add(Math.Log(1 + counts[(int)Count.Packets]));
        v.Add(Math.Log(1 + counts[(int)Count.Bytes]));
        v.Add(counts[(int)Count.Sent] / n);
        v.Add(counts[(int)Count.SentBytes] / Math.Max(1, counts[(int)Count.Bytes]));
        for (var c = Count.Arp; c <= Count.Dynamic; c++)
        {
            v.Add(counts[(int)c] / (c == Count.Group ? sentCount : n));
        }

        v.Add(counts[(int)Count.TcpSyn] / n);
        v.Add(counts[(int)Count.IpSent] == 0 ? 0 : ttlSum / counts[(int)Count.IpSent]);
        var sizes = sentSizes.Order().ToArray();
        var mean = sizes.Length == 0 ? 0 : sizes.Average();
        v.Add(mean);
        v.Add(sizes.Length == 0 ? 0 : Math.Sqrt(sizes.Average(x => (x - mean) * (x - mean))));
        v.Add(Quantile(sizes, 0.1));
        v.Add(Quantile(sizes, 0.5));
        v.Add(Quantile(sizes, 0.9));
        v.Add(counts[(int)Count.ReceivedBytes] / Math.Max(1, n - counts[(int)Count.Sent]));
        v.AddRange(sizeBuckets.Select(b => b / sentCount));
        var g = gaps.Order().ToArray();
        var gapMean = g.Length == 0 ? 0 : g.Average();
        var gapSd = g.Length == 0 ? 0 : Math.Sqrt(g.Average(x => (x - gapMean) * (x - gapMean)));
        v.Add(Math.Log10(1e-6 + Quantile(g, 0.5)));
        v.Add(Math.Log10(1e-6 + gapMean));
        v.Add(gapMean == 0 ? 0 : gapSd / gapMean);
        v.Add(g.Length == 0 ? 0 : g.Count(x => x < 0.01) / (double)g.Length);
        v.Add(Math.Log(1 + remotes.Count));
        v.Add(Math.Log(1 + remotePorts.Count));
        v.Add(Math.Log(1 + peers.Count));
        v.Add(Math.Log(1 + flows.Count));
        var fl = flows.Values.ToArray();
        v.Add(fl.Length == 0 ? 0 : fl.Count(f => f.Initiated) / (double)fl.Length);
        v.Add(fl.Length == 0 ? 0 : fl.Average(f => (double)f.FirstUp));
        v.Add(fl.Length == 0 ? 0 : fl.Average(f => (double)f.FirstDown));
        v.Add(fl.Length == 0 ? 0 : fl.Average(f => Math.Log(f.Packets)));
        v.AddRange(first);
        return v.Select(x => (float)x).ToArray();
    }

    private static List<string> BuildNames()
    {
        var names = new List<string> { "log_packets", "log_bytes", "sent_share", "sent_bytes_share" };
        for (var c = Count.Arp; c <= Count.Dynamic; c++)
        {
            names.Add(c.ToString().ToLowerInvariant() + "_share");
        }

        names.AddRange(["syn_share", "ttl_mean", "size_mean", "size_std", "size_p10", "size_p50", "size_p90", "received_size_mean"]);
        names.AddRange(SizeEdges.Select(e => $"size_le_{e}").Append("size_gt_1500"));
        names.AddRange(["log_gap_median", "log_gap_mean", "gap_cv", "gap_burst_share", "log_remotes", "log_remote_ports", "log_peers", "log_flows", "flows_initiated_share", "flow_first_up_mean", "flow_first_down_mean", "flow_log_packets_mean"]);
        for (var i = 0; i < FirstPackets; i++)
        {
            names.AddRange([$"p{i}_size", $"p{i}_protocol", $"p{i}_port_class"]);
        }

        return names;
    }

    private void Inc(Count c, double by = 1) => counts[(int)c] += by;

    // 1 ARP, 2 UDP, 3 TCP, 4 ICMP/ICMPv6, 5 other IP, 6 other link layer.
    private static int ProtocolCode(in PacketInfo info) => info.IsArp ? 1 : info.IpVersion == 0 ? 6 : info.Protocol switch
    {
        PacketDecoder.Udp => 2,
        PacketDecoder.Tcp => 3,
        PacketDecoder.Icmp or PacketDecoder.Icmpv6 => 4,
        _ => 5,
    };

    // 0 no port, 1 DNS, 2 DHCP, 3 NTP, 4 HTTP, 5 HTTPS, 6 SSDP, 7 mDNS, 8 other well-known, 9 registered, 10 dynamic.
    private static int PortClass(int port) => port switch
    {
        < 0 => 0,
        53 => 1,
        67 or 68 or 546 or 547 => 2,
        123 => 3,
        80 or 8080 => 4,
        443 or 8443 => 5,
        1900 => 6,
        5353 => 7,
        < 1024 => 8,
        < 49152 => 9,
        _ => 10,
    };

    private static int Bucket(int size)
    {
        for (var i = 0; i < SizeEdges.Length; i++)
        {
            if (size <= SizeEdges[i])
            {
                return i;
            }
        }

        return SizeEdges.Length;
    }

    private static double Quantile(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];

    private sealed class Flow
    {
        public int Packets { get; set; }

        public bool Initiated { get; init; }

        public int FirstUp { get; set; }

        public int FirstDown { get; set; }
    }
}
