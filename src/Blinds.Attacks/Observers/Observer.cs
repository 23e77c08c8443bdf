using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Observers;

/// <summary>Projects a trace onto what one observer sees (DESIGN.md: Trace → Observer → View).</summary>
public static class Observer
{
    /// <summary>
    /// Bytes an encrypted 802.11 data frame carries beyond the Ethernet frame of the same packet: QoS data header
    /// (26) + LLC/SNAP (8) + CCMP header and MIC (16) + FCS (4) − Ethernet header (14).
    /// </summary>
    public const int WifiOverheadBytes = 40;

    /// <summary>The view of <paramref name="trace"/> that <paramref name="kind"/> has. Rates need a trace built with a bin (and stream series for the ISP).</summary>
    public static ObserverView Project(Trace trace, ObserverKind kind)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return kind switch
        {
            ObserverKind.Lan => Lan(trace),
            ObserverKind.Wifi => Wifi(trace),
            ObserverKind.Isp => Isp(trace),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// The LAN's or the Wi-Fi's view of <paramref name="trace"/> after a defence at the gateway took away
    /// <paramref name="removed"/>: per station, the packets that no longer cross its link (e.g. the replies a block
    /// rule drops at the gateway), counted as the trace counts them (wire bytes, up = sent by the station). Nothing
    /// else a gateway does (shaping, padding, a tunnel, cover) reaches the link between a station and the access
    /// point, so everything else is as captured.
    /// </summary>
    public static ObserverView ProjectLocal(Trace trace, ObserverKind kind, IReadOnlyDictionary<MacAddress, RateSeries> removed)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(removed);
        return kind switch
        {
            ObserverKind.Lan => Lan(trace, removed),
            ObserverKind.Wifi => Wifi(trace, removed),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), "only the LAN and the Wi-Fi see the home's links"),
        };
    }

    private static ObserverView Lan(Trace trace, IReadOnlyDictionary<MacAddress, RateSeries>? removed = null) => new(
        ObserverKind.Lan,
        trace.HomeDevices.Select(d => new ObservedEntity(d.Mac.ToString(), d.Mac, d.Mac, null, Minus(d.Rates, removed?.GetValueOrDefault(d.Mac)), DeviceNames.Of(d))).ToArray(),
        ["rates are each station's internet traffic; names are its DNS, TLS SNI, mDNS and DHCP"]);

    private static ObserverView Wifi(Trace trace, IReadOnlyDictionary<MacAddress, RateSeries>? removed = null)
    {
        // A capture taken on the radio already has 802.11 sizes; a wired one gets the framing an eavesdropper would count.
        var radio = trace.Captures.SelectMany(c => c.Interfaces).Any(i => i.LinkType is LinkType.Ieee80211 or LinkType.Ieee80211Radiotap);
        var entities = trace.HomeDevices
            .Select(d => (d, Rates: Minus(d.FrameRates, removed?.GetValueOrDefault(d.Mac))))
            .Select(x => new ObservedEntity(x.d.Mac.ToString(), x.d.Mac, x.d.Mac, null, radio ? x.Rates : x.Rates?.PlusPerPacket(WifiOverheadBytes), DeviceNames.Empty))
            .ToArray();
        return new ObserverView(
            ObserverKind.Wifi,
            entities,
            [radio
                ? "rates are every frame each station sent or received, as captured on the radio"
                : $"rates are every frame each station sent or received plus {WifiOverheadBytes} bytes of 802.11 and CCMP framing per frame; no names (encrypted)"]);
    }

    private static ObserverView Isp(Trace trace)
    {
        var home = trace.HomeDevices.Select(d => d.Mac).ToHashSet();
        var entities = new List<ObservedEntity>();
        var shared = 0;
        foreach (var group in trace.Streams.Where(s => home.Contains(s.Device)).GroupBy(s => s.Remote).OrderBy(g => g.Key))
        {
            var streams = group.ToArray();
            if (streams.Length > 1)
            {
                shared++;
            }

            for (var i = 0; i < streams.Length; i++)
            {
                var s = streams[i];
                var names = s.Name is null ? DeviceNames.Empty : DeviceNames.FromNames([s.Name]);
                var id = streams.Length == 1 ? s.Remote.ToString() : $"{s.Remote} #{i + 1}";
                entities.Add(new ObservedEntity(id, s.Device, null, s.Remote, s.Rates, names));
            }
        }

        var notes = new List<string> { "one entity per service address behind the NAT; names are the DNS answer or TLS SNI that pointed at it" };
        if (shared > 0)
        {
            notes.Add($"{shared} service addresses are used by several devices: the observer is assumed to tell them apart by NAT port (paper 000 §4.1), which favours the observer");
        }

        return new ObserverView(ObserverKind.Isp, entities, notes);
    }

    // The series less what was removed from it, bin by bin (never below zero); the series itself when nothing was.
    private static RateSeries? Minus(RateSeries? rates, RateSeries? removed)
    {
        if (rates is null || removed is null)
        {
            return rates;
        }

        var taken = new Dictionary<long, RateBin>();
        foreach (ref readonly var b in removed.Bins)
        {
            var at = (removed.OriginNs + (b.Index * removed.BinNs) - rates.OriginNs) / rates.BinNs;
            taken[at] = taken.TryGetValue(at, out var t)
                ? t with { BytesUp = t.BytesUp + b.BytesUp, BytesDown = t.BytesDown + b.BytesDown, PacketsUp = t.PacketsUp + b.PacketsUp, PacketsDown = t.PacketsDown + b.PacketsDown }
                : b;
        }

        if (taken.Count == 0)
        {
            return rates;
        }

        var copy = new RateSeries(rates.OriginNs, rates.BinNs);
        foreach (ref readonly var b in rates.Bins)
        {
            var t = taken.GetValueOrDefault(b.Index);
            var left = new RateBin(b.Index, Math.Max(0, b.BytesUp - t.BytesUp), Math.Max(0, b.BytesDown - t.BytesDown), Math.Max(0, b.PacketsUp - t.PacketsUp), Math.Max(0, b.PacketsDown - t.PacketsDown));
            if (left.Bytes > 0 || left.PacketsUp + left.PacketsDown > 0)
            {
                copy.AddBin(left.Index, left.BytesUp, left.BytesDown, left.PacketsUp, left.PacketsDown);
            }
        }

        copy.ExtendTo(rates.OriginNs + ((rates.Count - 1) * rates.BinNs));
        return copy;
    }
}
