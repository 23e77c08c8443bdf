using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Dhcp;
using Blinds.Protocols.Dns;
using Blinds.Protocols.Http;
using Blinds.Protocols.Ssdp;
using Blinds.Protocols.Tls;
using Blinds.Traffic.Devices;
using Blinds.Traffic.Records;

namespace Blinds.Traffic;

// Names and evidence: what devices say about themselves and ask for in DNS, DHCP, SSDP, TLS and HTTP.
public sealed partial class TraceBuilder
{
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Application(ReadOnlySpan<byte> packet, long ts, Device? src, Device? dst)
    {
        var payload = info.Payload(packet);
        if (info.Protocol == PacketDecoder.Udp)
        {
            var sp = info.SourcePort;
            var dp = info.DestinationPort;
            if (sp is 53 or 5353 or 5355 || dp is 53 or 5353 or 5355)
            {
                Dns(payload, ts, src, dst, multicast: sp is 5353 or 5355 || dp is 5353 or 5355);
            }
            else if ((sp is 67 or 68) && (dp is 67 or 68))
            {
                Dhcp(payload, ts);
            }
            else if (dp == 1900 || sp == 1900)
            {
                Ssdp(payload, ts, src);
            }
        }
        else if (info.Protocol == PacketDecoder.Tcp)
        {
            if (TlsClientHello.LooksLikeClientHello(payload))
            {
                Tls(payload, ts, src);
            }
            else if (HttpRequest.LooksLikeRequest(payload))
            {
                Http(payload, ts, src);
            }
            else if ((info.SourcePort == 53 || info.DestinationPort == 53) && payload.Length > 2)
            {
                Dns(payload[2..], ts, src, dst, multicast: false); // DNS over TCP: 2-byte length prefix
            }
        }
    }

    private void Dns(ReadOnlySpan<byte> payload, long ts, Device? src, Device? dst, bool multicast)
    {
        if (!DnsParser.TryReadHeader(payload, out var header))
        {
            Log.Add(ProtocolAnomalies.TruncatedDns);
            return;
        }

        dnsResponse = header.IsResponse;
        dnsMulticast = multicast;
        // The device is the asker for queries, the receiver for responses; mDNS answers belong to their sender.
        dnsDevice = dnsResponse && !multicast ? dst : src;
        dnsQuestion = null;
        dnsTime = ts;
        dnsHeader = header;
        dnsClient = dnsResponse ? info.DestinationIp : info.SourceIp;
        dnsServer = dnsResponse ? info.SourceIp : info.DestinationIp;
        DnsParser.Parse(payload, this, Log);
    }

    /// <inheritdoc/>
    void IDnsVisitor.OnQuestion(ReadOnlySpan<byte> name, ushort type)
    {
        var s = nameTable.Get(name);
        dnsQuestion ??= s;
        if (!dnsResponse && dnsDevice is not null && s.Length > 0)
        {
            (dnsMulticast ? dnsDevice.MdnsQueries : dnsDevice.DnsQueries).Add(s);
        }

        sink?.OnDns(new DnsRow(dnsTime, dnsDevice?.Mac ?? default, dnsClient, dnsServer, dnsMulticast, dnsResponse, "question", s, type, 0, null, null) { TransactionId = dnsHeader.Id, ResponseCode = dnsResponse ? dnsHeader.ResponseCode : 0 });
    }

    /// <inheritdoc/>
    void IDnsVisitor.OnAnswer(ReadOnlySpan<byte> owner, ushort type, uint ttl, IpAddress address, ReadOnlySpan<byte> target)
    {
        if (!dnsResponse)
        {
            return;
        }

        var o = nameTable.Get(owner);
        string? t = target.IsEmpty ? null : nameTable.Get(target);
        if (dnsMulticast)
        {
            if (dnsDevice is not null)
            {
                dnsDevice.MdnsNames.Add(type == DnsRecordType.Ptr && t is not null ? t : o);
            }
        }
        else if (type is DnsRecordType.A or DnsRecordType.Aaaa)
        {
            // Label the address with the name the device asked for, not the CDN name at the end of the CNAME chain.
            var name = dnsQuestion ?? o;
            if (dnsNames.Count < MaxNames || dnsNames.ContainsKey(address))
            {
                dnsNames[address] = name;
            }
        }

        if (sink is not null)
        {
            sink.OnDns(new DnsRow(dnsTime, dnsDevice?.Mac ?? default, dnsClient, dnsServer, dnsMulticast, true, "answer", o, type, ttl, type is DnsRecordType.A or DnsRecordType.Aaaa ? address : null, t) { TransactionId = dnsHeader.Id, ResponseCode = dnsHeader.ResponseCode });
        }
    }

    private void Dhcp(ReadOnlySpan<byte> payload, long ts)
    {
        if (!DhcpMessage.TryParse(payload, out var m, Log) || m.ClientMac.Value == 0)
        {
            return;
        }

        var device = GetDevice(m.ClientMac);
        if (device is null)
        {
            return;
        }

        string? host = null, vendor = null, prl = null, clientId = null, fqdn = null;
        if (m.Op == 1)
        {
            if (!m.HostName.IsEmpty)
            {
                host = nameTable.Get(m.HostName);
                device.DhcpHostNames.Add(host);
            }

            if (!m.VendorClass.IsEmpty)
            {
                vendor = nameTable.Get(m.VendorClass);
                device.DhcpVendorClasses.Add(vendor);
            }

            if (!m.ParameterList.IsEmpty)
            {
                prl = ParameterList(m.ParameterList);
                device.DhcpParameterLists.Add(prl);
            }

            if (!m.ClientId.IsEmpty)
            {
                clientId = Convert.ToHexStringLower(m.ClientId);
                device.DhcpClientIds.Add(clientId);
            }

            if (!m.Fqdn.IsEmpty)
            {
                fqdn = nameTable.Get(m.Fqdn);
                device.DhcpFqdns.Add(fqdn);
            }

            if (m.RequestedIp != default)
            {
                device.AddAddress(m.RequestedIp);
            }
        }
        else if (m.MessageType == 5 && m.YourIp.V4 != 0)
        {
            device.AddAddress(m.YourIp);
        }

        sink?.OnDhcp(new DhcpRow(ts, m.ClientMac, m.MessageType, host, m.RequestedIp == default ? null : m.RequestedIp, m.YourIp.V4 == 0 ? null : m.YourIp, prl, vendor, clientId, fqdn));
    }

    private static string ParameterList(ReadOnlySpan<byte> options)
    {
        var sb = new StringBuilder(options.Length * 3);
        foreach (var o in options)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(o.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private void Ssdp(ReadOnlySpan<byte> payload, long ts, Device? src)
    {
        if (!SsdpMessage.TryParse(payload, out var m) || src is null)
        {
            return;
        }

        src.SsdpMessages++;
        var server = m.Server.IsEmpty ? m.UserAgent : m.Server;
        string? serverName = server.IsEmpty ? null : nameTable.Get(server);
        if (serverName is not null)
        {
            src.SsdpServers.Add(serverName);
        }

        var typeBytes = m.NotificationType.IsEmpty ? m.SearchTarget : m.NotificationType;
        string? type = typeBytes.IsEmpty ? null : nameTable.Get(typeBytes);
        if (type is not null)
        {
            src.SsdpTypes.Add(type);
        }

        if (sink is not null)
        {
            var kind = m.Kind switch { SsdpKind.Notify => "notify", SsdpKind.Search => "search", _ => "response" };
            sink.OnSsdp(new SsdpRow(ts, src.Mac, kind, type, m.UniqueServiceName.IsEmpty ? null : nameTable.Get(m.UniqueServiceName), serverName, m.Location.IsEmpty ? null : nameTable.Get(m.Location)));
        }
    }

    private void Tls(ReadOnlySpan<byte> payload, long ts, Device? src)
    {
        if (!TlsClientHello.TryParse(payload, out var hello, Log))
        {
            return;
        }

        string? sni = hello.ServerName.IsEmpty ? null : nameTable.Get(hello.ServerName);
        string? alpn = hello.Alpn.IsEmpty ? null : nameTable.Get(hello.Alpn);
        if (src is not null)
        {
            if (sni is not null)
            {
                src.TlsServerNames.Add(sni);
            }

            if (alpn is not null)
            {
                src.TlsAlpn.Add(alpn);
            }
        }

        if (sni is not null && !info.DestinationIp.IsLocal && (sniNames.Count < MaxNames || sniNames.ContainsKey(info.DestinationIp)))
        {
            sniNames[info.DestinationIp] = sni;
        }

        sink?.OnTls(new TlsRow(ts, src?.Mac ?? default, info.SourceIp, info.DestinationIp, info.DestinationPort, sni, alpn));
    }

    private void Http(ReadOnlySpan<byte> payload, long ts, Device? src)
    {
        if (!HttpRequest.TryParse(payload, out var request, Log))
        {
            return;
        }

        string? host = request.Host.IsEmpty ? null : nameTable.Get(request.Host);
        string? agent = request.UserAgent.IsEmpty ? null : nameTable.Get(request.UserAgent);
        if (src is not null)
        {
            src.HttpRequests++;
            if (request.HasAuthorization)
            {
                src.HttpAuthorizationRequests++;
            }

            if (host is not null)
            {
                src.HttpHosts.Add(host);
            }

            if (agent is not null)
            {
                src.HttpUserAgents.Add(agent);
            }

            if (src.WantsHttpSample)
            {
                src.AddHttpSample(new HttpRequestSample(ts, info.DestinationIp, nameTable.Get(request.Method), host, Encoding.Latin1.GetString(request.Target), request.HasAuthorization ? Encoding.Latin1.GetString(request.Authorization) : null));
            }
        }

        if (sink is not null)
        {
            // Targets are not interned: each may be unique (and secret); only exports ask for them.
            sink.OnHttp(new HttpRow(ts, src?.Mac ?? default, info.SourceIp, info.DestinationIp, info.DestinationPort, nameTable.Get(request.Method), Encoding.Latin1.GetString(request.Target), host, agent, request.HasAuthorization ? Encoding.Latin1.GetString(request.Authorization) : null));
        }
    }
}
