using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Traffic;

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

    private static ObserverView Lan(Trace trace) => new(
        ObserverKind.Lan,
        trace.HomeDevices.Select(d => new ObservedEntity(d.Mac.ToString(), d.Mac, d.Mac, null, d.Rates, DeviceNames.Of(d))).ToArray(),
        ["rates are each station's internet traffic; names are its DNS, TLS SNI, mDNS and DHCP"]);

    private static ObserverView Wifi(Trace trace)
    {
        // A capture taken on the radio already has 802.11 sizes; a wired one gets the framing an eavesdropper would count.
        var radio = trace.Captures.SelectMany(c => c.Interfaces).Any(i => i.LinkType is LinkType.Ieee80211 or LinkType.Ieee80211Radiotap);
        var entities = trace.HomeDevices
            .Select(d => new ObservedEntity(d.Mac.ToString(), d.Mac, d.Mac, null, radio ? d.FrameRates : d.FrameRates?.PlusPerPacket(WifiOverheadBytes), DeviceNames.Empty))
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
}
