using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Devices;

namespace Blinds.Reports.Summary;

/// <summary>Turns a <see cref="Trace"/> into a <see cref="SummaryModel"/>.</summary>
public static class SummaryBuilder
{
    /// <summary>Builds the model; <paramref name="top"/> caps the domain and SNI lists per device.</summary>
    public static SummaryModel Build(Trace trace, OuiDatabase oui, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(oui);
        var captures = trace.Captures.Select(c => new CaptureModel(
            c.Path,
            (c.Format == CaptureFormat.PcapNg ? "pcapng" : c.Nanosecond ? "pcap (nanosecond)" : "pcap") + (c.Compression == Compression.None ? string.Empty : $" ({c.Compression.ToString().ToLowerInvariant()})"),
            c.FileBytes,
            c.Interfaces.Select(i => LinkTypeName(i.LinkType)).Distinct().ToArray(),
            SnapLengths(c.Interfaces),
            c.Interfaces.Count,
            c.Packets,
            c.CapturedBytes,
            c.WireBytes,
            c.SnappedPackets,
            c.FirstNs is { } f ? Formatting.Time(f) : null,
            c.LastNs is { } l ? Formatting.Time(l) : null,
            c.DurationSeconds,
            c.StopError)).ToArray();
        // A loop over the array, not LINQ over AnomalyEntry (a value type: JIT-compiled at every start).
        var entries = trace.Anomalies.ToArray();
        var anomalies = new AnomalyModel[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            anomalies[i] = new AnomalyModel(e.Anomaly.Id, e.Anomaly.Kind.ToString().ToLowerInvariant(), e.Count, e.First.Source, e.First.Offset, e.Anomaly.Description);
        }

        return new SummaryModel(
            captures,
            trace.Gateway is { } g ? Device(g, oui, top) : null,
            trace.HomeDevices.Select(d => Device(d, oui, top)).ToArray(),
            anomalies,
            trace.FlowCount,
            trace.Streams.Count);
    }

    /// <summary>The libpcap name of a link type (as tshark -T fields -e frame.encap_type prints it, roughly).</summary>
    public static string LinkTypeName(LinkType t) => t switch
    {
        LinkType.Ethernet => "ethernet",
        LinkType.Null => "null",
        LinkType.Loop => "loop",
        LinkType.Raw or LinkType.RawBsd or LinkType.RawOpenBsd => "raw",
        LinkType.IPv4 => "ipv4",
        LinkType.IPv6 => "ipv6",
        LinkType.LinuxSll => "linux-sll",
        LinkType.LinuxSll2 => "linux-sll2",
        LinkType.Ieee80211 => "ieee802.11",
        LinkType.Ieee80211Radiotap => "ieee802.11-radiotap",
        _ => $"linktype-{(int)t}",
    };

    private static DeviceModel Device(Device d, OuiDatabase oui, int top) => new(
        d.Mac.ToString(),
        oui.Lookup(d.Mac),
        d.Mac.IsLocallyAdministered,
        AddressTexts(d.Addresses),
        d.DhcpHostNames.Values,
        d.DhcpVendorClasses.Values,
        d.PacketsSent,
        d.PacketsReceived,
        d.BytesUp,
        d.BytesDown,
        d.BytesLocal,
        NameCounts(d.DnsQueries.Top(top)),
        NameCounts(d.TlsServerNames.Top(top)),
        Names(d.MdnsNames.Top(top)),
        d.SsdpServers.Values,
        d.HttpRequests,
        d.HttpAuthorizationRequests,
        d.FirstSeenNs == long.MaxValue ? null : Formatting.Time(d.FirstSeenNs),
        d.LastSeenNs == long.MinValue ? null : Formatting.Time(d.LastSeenNs));

    // Plain loops rather than LINQ below: LINQ over value types (int, IpAddress, KeyValuePair) is a framework generic
    // instantiated here, which ReadyToRun cannot precompile, so each was JIT-compiled at every start of `summary`.
    private static int[] SnapLengths(IReadOnlyList<CaptureInterface> interfaces)
    {
        var distinct = new List<int>(interfaces.Count);
        foreach (var i in interfaces)
        {
            if (!distinct.Contains(i.SnapLength))
            {
                distinct.Add(i.SnapLength);
            }
        }

        return distinct.ToArray();
    }

    // In address order (a device has a handful: an insertion sort; Order() past that).
    private static string[] AddressTexts(IReadOnlyCollection<IpAddress> addresses)
    {
        if (addresses.Count > 64)
        {
            return addresses.Order().Select(a => a.ToString()).ToArray();
        }

        var sorted = new IpAddress[addresses.Count];
        var n = 0;
        foreach (var a in addresses)
        {
            var j = n++;
            for (; j > 0 && sorted[j - 1].CompareTo(a) > 0; j--)
            {
                sorted[j] = sorted[j - 1];
            }

            sorted[j] = a;
        }

        var texts = new string[n];
        for (var i = 0; i < n; i++)
        {
            texts[i] = sorted[i].ToString();
        }

        return texts;
    }

    private static NameCount[] NameCounts(IReadOnlyList<KeyValuePair<string, long>> top)
    {
        var list = new NameCount[top.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new NameCount(top[i].Key, top[i].Value);
        }

        return list;
    }

    private static string[] Names(IReadOnlyList<KeyValuePair<string, long>> top)
    {
        var list = new string[top.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = top[i].Key;
        }

        return list;
    }
}
