using Blinds.Attacks.Identification;
using Blinds.Flows;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Observers;

/// <summary>
/// The ISP's view built from flow records instead of packets (docs/flows.md): one entity per stream between a
/// home-side address and a remote one, its rate series made by spreading each flow's bytes and packets evenly over
/// [start, end]. That is the resolution flow records allow: bursts inside a flow flatten to the flow's mean rate,
/// and only the exporter's active timeout bounds how long that mean is taken over.
/// </summary>
public static class FlowObserver
{
    /// <summary>
    /// Projects <paramref name="flows"/>. The home side is an address in <paramref name="home"/>, else a private
    /// one. <paramref name="owners"/> (home address to device MAC, known in a lab) is ground truth for scoring only.
    /// </summary>
    public static ObserverView Project(FlowLog flows, TimeSpan bin, IReadOnlySet<IpAddress>? home = null, IReadOnlyDictionary<IpAddress, MacAddress>? owners = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var binNs = bin.Ticks * 100;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binNs);
        var first = flows.FirstNs ?? 0;
        var origin = first - (((first % binNs) + binNs) % binNs);
        var series = new Dictionary<(IpAddress Home, IpAddress Remote), RateSeries>();
        foreach (var f in flows.Flows)
        {
            var srcHome = home?.Contains(f.SourceIp) ?? f.SourceIp.IsLocal;
            var dstHome = home?.Contains(f.DestinationIp) ?? f.DestinationIp.IsLocal;
            if (srcHome == dstHome)
            {
                continue; // inside the home, or transit: not a stream the ISP follows for this home
            }

            var key = srcHome ? (f.SourceIp, f.DestinationIp) : (f.DestinationIp, f.SourceIp);
            if (!series.TryGetValue(key, out var s))
            {
                s = new RateSeries(origin, binNs);
                series[key] = s;
            }

            Spread(s, f, up: srcHome);
        }

        var end = flows.LastNs ?? origin;
        var entities = new List<ObservedEntity>();
        foreach (var group in series.GroupBy(kv => kv.Key.Remote).OrderBy(g => g.Key))
        {
            var streams = group.OrderBy(kv => kv.Key.Home).ToArray();
            for (var i = 0; i < streams.Length; i++)
            {
                var ((homeAddress, remote), rates) = (streams[i].Key, streams[i].Value);
                rates.ExtendTo(end);
                var name = flows.AddressNames.GetValueOrDefault(remote);
                var id = streams.Length == 1 ? remote.ToString() : $"{remote} #{i + 1}";
                var device = owners is not null && owners.TryGetValue(homeAddress, out var mac) ? mac : default;
                entities.Add(new ObservedEntity(id, device, null, remote, rates, name is null ? DeviceNames.Empty : DeviceNames.FromNames([name])));
            }
        }

        return new ObserverView(
            ObserverKind.Isp,
            entities,
            ["one entity per (home address, service address) in the flow records; rates spread each flow's bytes evenly over its duration; names only from Zeek dns/ssl logs"]);
    }

    /// <summary>
    /// The device behind each home-side address, from the MACs an exporter put in its records (IPFIX/v9 fields 56
    /// and 80: softflowd -T ether, probes on the LAN). Ground truth for scoring against a devices file, never a clue
    /// for the attacks: an ISP sees no home MAC. The first MAC seen for an address wins (a DHCP lease handed to
    /// another device later is not followed).
    /// </summary>
    public static IReadOnlyDictionary<IpAddress, MacAddress> OwnersFromMacs(FlowLog flows, IReadOnlySet<IpAddress>? home = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var owners = new Dictionary<IpAddress, MacAddress>();
        foreach (var f in flows.Flows)
        {
            if (f.SourceMac != 0 && (home?.Contains(f.SourceIp) ?? f.SourceIp.IsLocal))
            {
                owners.TryAdd(f.SourceIp, new MacAddress(f.SourceMac));
            }

            if (f.DestinationMac != 0 && (home?.Contains(f.DestinationIp) ?? f.DestinationIp.IsLocal))
            {
                owners.TryAdd(f.DestinationIp, new MacAddress(f.DestinationMac));
            }
        }

        return owners;
    }

    /// <summary>
    /// Adds <paramref name="flow"/> to <paramref name="series"/>, its bytes and packets spread evenly over
    /// [start, end] in proportion to each bin's overlap; rounding is carried so the totals stay exact.
    /// </summary>
    public static void Spread(RateSeries series, in FlowObservation flow, bool up)
    {
        ArgumentNullException.ThrowIfNull(series);
        var start = Math.Max(flow.StartNs, series.OriginNs);
        var stop = Math.Max(flow.EndNs, start);
        var firstBin = (start - series.OriginNs) / series.BinNs;
        var lastBin = (stop - series.OriginNs) / series.BinNs;
        if (lastBin > int.MaxValue - 1)
        {
            return;
        }

        var duration = (double)(stop - start);
        long bytesDone = 0, packetsDone = 0;
        for (var b = firstBin; b <= lastBin; b++)
        {
            var binEnd = series.OriginNs + ((b + 1) * series.BinNs);
            var share = b == lastBin || duration <= 0 ? 1.0 : (Math.Min(binEnd, stop) - start) / duration;
            var bytesTo = b == lastBin ? flow.Bytes : (long)Math.Round(flow.Bytes * share);
            var packetsTo = b == lastBin ? flow.Packets : (long)Math.Round(flow.Packets * share);
            var bytes = bytesTo - bytesDone;
            var packets = (int)Math.Min(packetsTo - packetsDone, int.MaxValue);
            if (bytes != 0 || packets != 0)
            {
                series.AddBin((int)b, up ? bytes : 0, up ? 0 : bytes, up ? packets : 0, up ? 0 : packets);
            }

            bytesDone = bytesTo;
            packetsDone = packetsTo;
        }
    }
}
