using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Records;

/// <summary>One DNS or mDNS question or answer as seen on the wire (one row per question and per answer record).</summary>
/// <param name="TimeNs">Packet time.</param>
/// <param name="Device">The LAN device that sent (queries) or received (responses) it.</param>
/// <param name="Client">Address of the asking side.</param>
/// <param name="Server">Address of the answering side.</param>
/// <param name="Multicast">True for mDNS.</param>
/// <param name="Response">True for responses.</param>
/// <param name="Section">"question" or "answer".</param>
/// <param name="Name">Question name or record owner.</param>
/// <param name="Type">Record type number.</param>
/// <param name="Ttl">TTL of answers.</param>
/// <param name="Address">A/AAAA data.</param>
/// <param name="Target">CNAME/PTR/SRV data.</param>
public sealed record DnsRow(long TimeNs, MacAddress Device, IpAddress Client, IpAddress Server, bool Multicast, bool Response, string Section, string Name, ushort Type, uint Ttl, IpAddress? Address, string? Target)
{
    /// <summary>The message's 16-bit id, which pairs a response with its query.</summary>
    public ushort TransactionId { get; init; }

    /// <summary>The response code (0 NOERROR, 3 NXDOMAIN...); 0 for queries.</summary>
    public int ResponseCode { get; init; }
}

/// <summary>One DHCP message.</summary>
/// <param name="TimeNs">Packet time.</param>
/// <param name="ClientMac">chaddr.</param>
/// <param name="MessageType">Option 53.</param>
/// <param name="HostName">Option 12.</param>
/// <param name="RequestedIp">Option 50.</param>
/// <param name="YourIp">yiaddr.</param>
/// <param name="ParameterList">Option 55, comma-separated.</param>
/// <param name="VendorClass">Option 60.</param>
/// <param name="ClientId">Option 61 in hex.</param>
/// <param name="Fqdn">Option 81 name.</param>
public sealed record DhcpRow(long TimeNs, MacAddress ClientMac, int MessageType, string? HostName, IpAddress? RequestedIp, IpAddress? YourIp, string? ParameterList, string? VendorClass, string? ClientId, string? Fqdn);

/// <summary>One TLS ClientHello.</summary>
/// <param name="TimeNs">Packet time.</param>
/// <param name="Device">Sender.</param>
/// <param name="Client">Client address.</param>
/// <param name="Server">Server address.</param>
/// <param name="ServerPort">Server port.</param>
/// <param name="ServerName">SNI.</param>
/// <param name="Alpn">First ALPN protocol.</param>
public sealed record TlsRow(long TimeNs, MacAddress Device, IpAddress Client, IpAddress Server, ushort ServerPort, string? ServerName, string? Alpn);

/// <summary>One plain-HTTP request head. <see cref="Target"/> and <see cref="Authorization"/> may carry secrets: presenters redact them unless asked not to.</summary>
/// <param name="TimeNs">Packet time.</param>
/// <param name="Device">Sender.</param>
/// <param name="Client">Client address.</param>
/// <param name="Server">Server address.</param>
/// <param name="ServerPort">Server port.</param>
/// <param name="Method">Method.</param>
/// <param name="Target">Request target (path and query).</param>
/// <param name="Host">Host header.</param>
/// <param name="UserAgent">User-Agent header.</param>
/// <param name="Authorization">Authorization header value, or null.</param>
public sealed record HttpRow(long TimeNs, MacAddress Device, IpAddress Client, IpAddress Server, ushort ServerPort, string Method, string Target, string? Host, string? UserAgent, string? Authorization);

/// <summary>One SSDP message.</summary>
/// <param name="TimeNs">Packet time.</param>
/// <param name="Device">Sender.</param>
/// <param name="Kind">notify, search or response.</param>
/// <param name="Type">NT or ST.</param>
/// <param name="Usn">USN.</param>
/// <param name="Server">SERVER or USER-AGENT.</param>
/// <param name="Location">LOCATION.</param>
public sealed record SsdpRow(long TimeNs, MacAddress Device, string Kind, string? Type, string? Usn, string? Server, string? Location);
