using System.Runtime.CompilerServices;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Dns;
using Blinds.Traffic.Devices;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;
using Blinds.Traffic.Series;

namespace Blinds.Traffic;

/// <summary>
/// Builds a <see cref="Trace"/> in one streaming pass over one or more captures. Per packet it decodes headers into a
/// reused struct and updates counters in place; it allocates only when something new appears (a device, a flow, a
/// stream, a name). Memory is O(devices × bins + open flows + streams + names), never O(packets).
/// </summary>
/// <remarks>
/// The work is split by concern: this file does the accounting (time, devices, series, the trace);
/// TraceBuilder.Input.cs the reading of captures, one or several merged by time; TraceBuilder.Streams.cs the
/// per-remote streams; TraceBuilder.Local.cs the home's local protocols; TraceBuilder.Evidence.cs the names and
/// evidence read from DNS, DHCP, SSDP, TLS and HTTP.
/// </remarks>
public sealed partial class TraceBuilder : IDnsVisitor
{
    private const int MaxNames = 200_000;

    /// <summary>Counted when more stations appear than the trace tracks (a MAC flood, not a home).</summary>
    public static readonly Anomaly DeviceTableFull = Anomaly.Declare("device_table_full", AnomalyKind.Unsupported, "more than 65,536 stations; frames of later ones are counted in totals only");

    private const int MaxDevices = 65_536;

    /// <summary>Counted once per station left out of the trace on a flooded LAN (see <see cref="Trace.FloodStations"/>).</summary>
    public static readonly Anomaly StationsNotAnalysed = Anomaly.Declare("stations_not_analysed", AnomalyKind.Unsupported, "more stations than any home has (a MAC flood): only the 1,000 that sent most, and the gateway, are analysed; the rest count in totals only");

    /// <summary>Counted for packets of streams beyond <see cref="TraceOptions.MaxStreams"/>.</summary>
    public static readonly Anomaly StreamTableFull = Anomaly.Declare("stream_table_full", AnomalyKind.Unsupported, "more (device, remote address) streams than the trace keeps; their packets count in device totals only");

    private readonly TraceOptions options;
    private readonly ITraceSink? sink;
    private readonly KeyedTable<DeviceKey, Device> devices = new();
    private readonly KeyedTable<StreamKey, ServiceStream> streams = new();
    private readonly Dictionary<IpAddress, string> dnsNames = [];
    private readonly Dictionary<IpAddress, string> sniNames = [];
    private readonly NameTable nameTable = new();
    private readonly List<CaptureSummary> captures = [];
    private readonly FlowTable flows;
    private readonly TimeGuard time;
    private readonly long binNs;
    private readonly IpAddress[] homeAddresses;
    private PacketInfo info;

    // Direct-mapped caches in front of the dictionaries: a home has few devices and streams, so nearly every packet
    // finds them here without generic hashing (see FlowTable for why that matters in a one-pass process).
    private readonly Device?[] deviceCache = new Device?[256];
    private readonly ServiceStream?[] streamCache = new ServiceStream?[1024];
    private long seriesOrigin = long.MinValue;
    private CaptureSummary? current;

    // Per-DNS-message context for the visitor callbacks.
    private Device? dnsDevice;
    private bool dnsResponse;
    private bool dnsMulticast;
    private string? dnsQuestion;
    private long dnsTime;
    private DnsHeader dnsHeader;
    private IpAddress dnsClient;
    private IpAddress dnsServer;

    /// <summary>Creates a builder; <paramref name="sink"/>, when given, receives every row for export.</summary>
    public TraceBuilder(TraceOptions? options = null, ITraceSink? sink = null)
    {
        this.options = options ?? new TraceOptions();
        this.sink = sink;
        binNs = this.options.Bin is { } b ? (long)b.TotalNanoseconds : 0;
        if (this.options.Bin is not null && binNs <= 0)
        {
            throw new ArgumentException("bin must be positive", nameof(options));
        }

        homeAddresses = this.options.HomeAddresses?.ToArray() ?? [];
        time = new TimeGuard(this.options.NowNs ?? (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000));
        flows = new FlowTable(this.options.Flows, Log, sink is null ? null : sink.OnFlow);
    }

    /// <summary>Anomalies counted so far.</summary>
    public AnomalyLog Log { get; } = new();

    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(in PacketRecord record)
    {
        var summary = current!;
        var ts = record.TimestampNs;
        summary.Packets++;
        summary.CapturedBytes += record.Data.Length;
        summary.WireBytes += record.OriginalLength;
        if (record.IsSnapped)
        {
            summary.SnappedPackets++;
        }

        if (!time.Keep(ts))
        {
            summary.TimeOutliers++;
            Log.CurrentSource = summary.Path; // merged reads interleave files: name this packet's
            Log.Add(TimeGuard.TimeOutlier, record.FileOffset);
            return;
        }

        if (summary.FirstNs is not { } f || ts < f)
        {
            summary.FirstNs = ts;
        }

        if (summary.LastNs is not { } l || ts > l)
        {
            summary.LastNs = ts;
        }

        var data = record.Data;
        if (!PacketDecoder.Decode(record.LinkType, data, ref info, Log))
        {
            return;
        }

        var wire = record.OriginalLength;
        Device? src = null, dst = null;
        if (info.HasMac)
        {
            if (info.SourceMac.Value != 0 && !info.SourceMac.IsGroup)
            {
                src = GetDevice(info.SourceMac);
            }

            if (info.DestinationMac.Value != 0 && !info.DestinationMac.IsGroup)
            {
                dst = GetDevice(info.DestinationMac);
            }
        }
        else if (info.IpVersion != 0)
        {
            // Raw-IP links have no MACs: stand each local address in for a station.
            if (info.SourceIp.IsLocal && !info.SourceIp.IsGroup)
            {
                src = GetDevice(SyntheticMac(info.SourceIp));
            }

            if (info.DestinationIp.IsLocal && !info.DestinationIp.IsGroup)
            {
                dst = GetDevice(SyntheticMac(info.DestinationIp));
            }
        }

        if (src is not null)
        {
            src.PacketsSent++;
            src.BytesSent += wire;
            src.Seen(ts);
            if (binNs > 0)
            {
                FrameSeries(src, ts)?.Add(ts, wire, up: true);
            }
        }

        if (dst is not null)
        {
            dst.PacketsReceived++;
            dst.BytesReceived += wire;
            dst.Seen(ts);
            if (binNs > 0)
            {
                FrameSeries(dst, ts)?.Add(ts, wire, up: false);
            }
        }

        var direction = Direction.Unknown;
        Device? home = null;
        if (info.IpVersion != 0)
        {
            var srcLocal = info.SourceIp.IsLocal || (homeAddresses.Length != 0 && IsHome(info.SourceIp));
            var dstLocal = info.DestinationIp.IsLocal || (homeAddresses.Length != 0 && IsHome(info.DestinationIp));
            if (src is not null)
            {
                if (srcLocal)
                {
                    src.AddAddress(info.SourceIp);
                }
                else
                {
                    src.ForwardedFromRemote++;
                }
            }

            if (srcLocal && !dstLocal)
            {
                direction = Direction.Up;
                home = src;
                if (src is not null)
                {
                    src.BytesUp += wire;
                    src.PacketsUp++;
                    AddToStream(src, info.DestinationIp, ts, wire, up: true);
                }
            }
            else if (!srcLocal && dstLocal)
            {
                direction = Direction.Down;
                home = dst;
                if (dst is not null)
                {
                    dst.BytesDown += wire;
                    dst.PacketsDown++;
                    AddToStream(dst, info.SourceIp, ts, wire, up: false);
                }
            }
            else if (srcLocal && dstLocal)
            {
                direction = Direction.Local;
                home = src;
                if (src is not null)
                {
                    src.BytesLocal += wire;
                }

                if (dst is not null)
                {
                    dst.BytesLocal += wire;
                }

                CountLocal(info, wire);
            }

            flows.Add(ts, info, wire);
            if (info.PayloadLength > 0)
            {
                Application(data, ts, src, dst);
            }
        }
        else if (info.IsArp && src is not null && info.ArpSenderMac == src.Mac)
        {
            src.AddAddress(info.ArpSenderIp);
        }

        if (binNs > 0 && home is not null && direction is Direction.Up or Direction.Down)
        {
            if (home.Rates is null && WantsSeries(home.Mac))
            {
                home.Rates = new RateSeries(SeriesOrigin(ts), binNs);
            }

            home.Rates?.Add(ts, wire, direction == Direction.Up);
        }

        if (sink is not null)
        {
            var row = new PacketRow(ts, wire, data.Length, info.SourceMac, info.DestinationMac, info.IpVersion, info.SourceIp, info.DestinationIp, info.Protocol, info.SourcePort, info.DestinationPort, info.TcpFlags, direction, home?.Mac ?? default);
            sink.OnPacket(row);
        }
    }

    /// <summary>Ends open flows, finds the gateway, names the streams, and returns the trace.</summary>
    public Trace Build()
    {
        flows.Flush();
        var stations = new List<Device>(devices.Count);
        foreach (ref readonly var e in devices)
        {
            if (e.Value.PacketsSent > 0)
            {
                stations.Add(e.Value);
            }
        }

        // MACs are unique, so an unstable sort orders them as OrderBy did (and needs no generic over MacAddress).
        stations.Sort(static (a, b) => a.Mac.Value.CompareTo(b.Mac.Value));
        Device? gateway = null;
        foreach (var d in stations)
        {
            // The first station with the most forwarded frames, as MaxBy picked it.
            if (d.ForwardedFromRemote > 0 && (gateway is null || d.ForwardedFromRemote > gateway.ForwardedFromRemote))
            {
                gateway = d;
            }
        }

        if (gateway is not null)
        {
            gateway.IsGateway = true;
        }

        // A flooded LAN (a MAC flood, or a host changing its MAC per frame) keeps the stations that sent most and
        // counts the rest: every attack and defence works per station, and tens of thousands of one-frame stations
        // would cost minutes and gigabytes to report noise.
        var seen = stations.Count;
        if (stations.Count > Trace.FloodStations)
        {
            var keep = stations.OrderByDescending(d => d.PacketsSent).ThenBy(d => d.Mac).Take(Trace.FloodStations).ToHashSet();
            if (gateway is not null)
            {
                keep.Add(gateway);
            }

            Log.Add(StationsNotAnalysed, stations.Count - keep.Count, -1);
            stations = stations.Where(keep.Contains).ToList();
            var drop = new List<ServiceStream>();
            foreach (ref readonly var e in streams)
            {
                if (!keep.Contains(devices[new DeviceKey(e.Value.Device.Value)]))
                {
                    drop.Add(e.Value);
                }
            }

            foreach (var stream in drop)
            {
                streams.Remove(new StreamKey(stream.Device, stream.Remote), out _);
            }
        }

        var names = new Dictionary<IpAddress, string>(sniNames);
        foreach (var kv in dnsNames)
        {
            names[kv.Key] = kv.Value; // DNS names win over SNI: they are what the device asked for.
        }

        var streamList = new List<ServiceStream>(streams.Count);
        foreach (ref readonly var e in streams)
        {
            var s = e.Value;
            s.Order = streamList.Count;
            streamList.Add(s);
            s.Name = names.GetValueOrDefault(s.Remote);
            s.Rates?.ExtendTo(s.LastNs);
            s.Rates?.Compact();
        }

        var end = captures.Exists(c => c.LastNs.HasValue) ? long.MinValue : 0;
        foreach (var c in captures)
        {
            if (c.LastNs is { } last && last > end)
            {
                end = last;
            }
        }

        foreach (var d in stations)
        {
            d.Rates?.ExtendTo(end);
            d.FrameRates?.ExtendTo(end);
            d.Rates?.Compact();
            d.FrameRates?.Compact();
        }

        // By device, then most bytes first, then first seen (what a stable OrderBy/ThenByDescending gave), with no
        // LINQ generic over MacAddress to JIT at start.
        streamList.Sort(static (a, b) =>
            a.Device.Value != b.Device.Value ? a.Device.Value.CompareTo(b.Device.Value)
            : a.BytesUp + a.BytesDown != b.BytesUp + b.BytesDown ? (b.BytesUp + b.BytesDown).CompareTo(a.BytesUp + a.BytesDown)
            : a.Order.CompareTo(b.Order));
        return new Trace(captures.ToArray(), stations, streamList, names, new Dictionary<IpAddress, string>(sniNames), Log, flows.Finished, flows.PeakOpen)
        {
            StationsSeen = seen,
            LocalProtocols = LocalProtocolList(),
        };
    }

    private LocalProtocol[] LocalProtocolList()
    {
        var list = new List<LocalProtocol>(localProtocols.Count);
        foreach (ref readonly var e in localProtocols)
        {
            var key = e.Key.Value;
            list.Add(new LocalProtocol(key == OtherLocal ? "other" : ServiceStream.ServiceName(key), e.Value.Bytes, e.Value.Packets));
        }

        return list.OrderByDescending(p => p.Bytes).ThenBy(p => p.Protocol, StringComparer.Ordinal).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsHome(IpAddress ip)
    {
        foreach (var h in homeAddresses)
        {
            if (h == ip)
            {
                return true;
            }
        }

        return false;
    }

    private RateSeries? FrameSeries(Device d, long ts)
    {
        if (d.FrameRates is null && WantsSeries(d.Mac))
        {
            d.FrameRates = new RateSeries(SeriesOrigin(ts), binNs);
        }

        return d.FrameRates;
    }

    private bool WantsSeries(MacAddress mac) => options.SeriesDevices is null || options.SeriesDevices.Contains(mac);

    private long SeriesOrigin(long ts)
    {
        if (seriesOrigin == long.MinValue)
        {
            var first = captures[0].FirstNs ?? ts;
            seriesOrigin = first - (((first % binNs) + binNs) % binNs);
        }

        return seriesOrigin;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Device? GetDevice(MacAddress mac)
    {
        var slot = (int)((mac.Value * 0x9E3779B97F4A7C15UL) >> 56);
        var d = deviceCache[slot];
        if (d is not null && d.Mac == mac)
        {
            return d;
        }

        var key = new DeviceKey(mac.Value);
        var hash = key.GetHashCode();
        if (!devices.TryGetValue(key, hash, out d))
        {
            if (devices.Count >= MaxDevices)
            {
                Log.Add(DeviceTableFull);
                return null;
            }

            d = new Device(mac);
            devices.Add(key, hash, d);
        }

        deviceCache[slot] = d;
        return d;
    }

    private static MacAddress SyntheticMac(IpAddress ip) =>
        ip.IsV4 ? new MacAddress(0x0200_0000_0000UL | ip.V4) : new MacAddress(0x0600_0000_0000UL | (ip.Low & 0xffff_ffffUL));
}
