using System.Globalization;

using Blinds.Protocols.Addressing;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Export;

/// <summary>
/// Turns the trace's finished flows into Zeek-like conn rows while the trace is read: it keeps the names the DNS
/// answers and TLS ClientHellos seen so far gave addresses and the DHCP host names stations gave, so each flow gets
/// its server and device name when it ends. Memory: bounded maps (a hostile capture cannot grow them without end).
/// </summary>
public sealed class ConnTable
{
    private const int MaxEntries = 1 << 20;
    private readonly Dictionary<IpAddress, string> dnsNames = [];
    private readonly Dictionary<(IpAddress Client, IpAddress Server, ushort Port), string> tlsNames = [];
    private readonly Dictionary<MacAddress, string> hostNames = [];

    /// <summary>Remembers the name a DNS answer gave an address.</summary>
    public void OnDns(DnsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Response && row.Address is { } address && (dnsNames.Count < MaxEntries || dnsNames.ContainsKey(address)))
        {
            dnsNames[address] = row.Name;
        }
    }

    /// <summary>Remembers the server name a ClientHello asked for.</summary>
    public void OnTls(TlsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = (row.Client, row.Server, row.ServerPort);
        if (row.ServerName is { Length: > 0 } name && (tlsNames.Count < MaxEntries || tlsNames.ContainsKey(key)))
        {
            tlsNames[key] = name;
        }
    }

    /// <summary>Remembers a station's DHCP host name.</summary>
    public void OnDhcp(DhcpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.HostName is { Length: > 0 } name && (hostNames.Count < MaxEntries || hostNames.ContainsKey(row.ClientMac)))
        {
            hostNames[row.ClientMac] = name;
        }
    }

    /// <summary>The conn row of <paramref name="flow"/>.</summary>
    public ConnRow Row(FlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);

        // The home side: the initiator when its address stays in the home, else the responder when its does.
        var device = flow.InitiatorIp.IsLocal && flow.InitiatorMac.Value != 0 ? flow.InitiatorMac
            : flow.ResponderIp.IsLocal && flow.ResponderMac.Value != 0 ? flow.ResponderMac
            : default;
        var tls = tlsNames.GetValueOrDefault((flow.InitiatorIp, flow.ResponderIp, flow.ResponderPort));
        var far = flow.ResponderIp.IsLocal && !flow.InitiatorIp.IsLocal ? flow.InitiatorIp : flow.ResponderIp;
        return new ConnRow(
            Uid(flow),
            flow.FirstNs,
            (flow.LastNs - flow.FirstNs) / 1e9,
            Proto(flow.Protocol),
            tls is not null ? "ssl" : Service(flow.Protocol, flow.ResponderPort),
            State(flow),
            flow.InitiatorIp.ToString(),
            flow.InitiatorPort,
            flow.ResponderIp.ToString(),
            flow.ResponderPort,
            flow.BytesForward,
            flow.PacketsForward,
            flow.BytesBackward,
            flow.PacketsBackward,
            device.Value == 0 ? null : device.ToString(),
            device.Value == 0 ? null : hostNames.GetValueOrDefault(device),
            tls ?? dnsNames.GetValueOrDefault(far),
            flow.EndReason.ToString().ToLowerInvariant());
    }

    /// <summary>Zeek's proto column.</summary>
    public static string Proto(byte protocol) => protocol switch
    {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        58 => "icmpv6",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The service a responder port is registered for, named as Zeek names them (Zeek reads it from the content;
    /// Blinds uses the port, and "ssl" when a ClientHello was seen in the flow).
    /// </summary>
    public static string? Service(byte protocol, ushort port) => (protocol, port) switch
    {
        (17 or 6, 53) or (17, 5353) or (17, 5355) => "dns",
        (6, 80) or (6, 8080) => "http",
        (6, 443) or (6, 8443) or (6, 8883) or (17, 443) => "ssl",
        (17, 123) => "ntp",
        (17, 67) or (17, 68) => "dhcp",
        (17, 1900) => "ssdp",
        (6, 1883) => "mqtt",
        _ => null,
    };

    /// <summary>
    /// Zeek's conn_state from what a flow record keeps (the TCP flags of both directions together, and how it
    /// ended): S0 a SYN and no reply; S1 established, not closed; SF closed by FIN; RSTO a reset after a reply
    /// (Blinds cannot tell which side reset: Zeek's RSTR is reported as RSTO); REJ a SYN answered only by a reset;
    /// OTH no SYN seen (the capture began mid-connection). Other protocols: SF with packets both ways, else S0.
    /// </summary>
    public static string State(FlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Protocol != 6)
        {
            return flow.PacketsBackward > 0 ? "SF" : "S0";
        }

        const byte Fin = 0x01, Syn = 0x02, Rst = 0x04;
        var f = flow.TcpFlags;
        if ((f & Syn) == 0)
        {
            return "OTH";
        }

        if ((f & Rst) != 0)
        {
            return flow.PacketsBackward <= 1 && (f & Fin) == 0 && flow.PacketsForward <= 2 ? "REJ" : "RSTO";
        }

        if (flow.PacketsBackward == 0)
        {
            return "S0";
        }

        return (f & Fin) != 0 && flow.EndReason == FlowEndReason.Closed ? "SF" : "S1";
    }

    // FNV-1a over the start and 5-tuple, in Zeek's style: "C" and 11 base-62 digits. Deterministic, unlike HashCode.
    private static string Uid(FlowRecord flow)
    {
        Span<byte> b = stackalloc byte[8 + 1 + 16 + 2 + 16 + 2];
        b.Clear();
        BitConverter.TryWriteBytes(b, flow.FirstNs);
        b[8] = flow.Protocol;
        flow.InitiatorIp.Write(b[9..]);
        BitConverter.TryWriteBytes(b[25..], flow.InitiatorPort);
        flow.ResponderIp.Write(b[27..]);
        BitConverter.TryWriteBytes(b[43..], flow.ResponderPort);
        ulong h = 14695981039346656037UL;
        foreach (var x in b)
        {
            h = (h ^ x) * 1099511628211UL;
        }

        const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        Span<char> s = stackalloc char[12]; // 62^11 > 2^64: eleven digits hold the whole hash
        s[0] = 'C';
        for (var i = 1; i < s.Length; i++)
        {
            s[i] = Digits[(int)(h % 62)];
            h /= 62;
        }

        return new string(s);
    }
}
