using Blinds.Capture.Anomalies;

namespace Blinds.Protocols;

/// <summary>Anomalies found while decoding packets. Ids are stable; see docs/anomalies.md.</summary>
public static class ProtocolAnomalies
{
#pragma warning disable CS1591 // Each id's description says what it is.
    public static readonly Anomaly UnknownLinkType = Anomaly.Declare("unknown_link_type", AnomalyKind.Unsupported, "a link-layer type Blinds does not decode; the packet is counted but not decoded");
    public static readonly Anomaly TruncatedLinkHeader = Anomaly.Declare("truncated_link_header", AnomalyKind.Truncated, "the packet ends inside its link-layer header");
    public static readonly Anomaly TruncatedVlan = Anomaly.Declare("truncated_vlan", AnomalyKind.Truncated, "the packet ends inside an 802.1Q tag");
    public static readonly Anomaly VlanTooDeep = Anomaly.Declare("vlan_too_deep", AnomalyKind.Malformed, "more than four stacked VLAN tags");
    public static readonly Anomaly BadRadiotapLength = Anomaly.Declare("bad_radiotap_length", AnomalyKind.Malformed, "radiotap header length is shorter than 8 or longer than the packet");
    public static readonly Anomaly TruncatedIeee80211 = Anomaly.Declare("truncated_80211", AnomalyKind.Truncated, "the packet ends inside its 802.11 header");
    public static readonly Anomaly TruncatedIPv4 = Anomaly.Declare("truncated_ipv4", AnomalyKind.Truncated, "the packet ends inside its IPv4 header");
    public static readonly Anomaly BadIPv4HeaderLength = Anomaly.Declare("ipv4_bad_header_length", AnomalyKind.Malformed, "IPv4 IHL below 5 or beyond the total length");
    public static readonly Anomaly BadIPv4TotalLength = Anomaly.Declare("ipv4_bad_total_length", AnomalyKind.Malformed, "IPv4 total length below the header length");
    public static readonly Anomaly BadIPVersion = Anomaly.Declare("ip_bad_version", AnomalyKind.Malformed, "an IP header whose version is neither 4 nor 6");
    public static readonly Anomaly TruncatedIPv6 = Anomaly.Declare("truncated_ipv6", AnomalyKind.Truncated, "the packet ends inside its IPv6 header or extension headers");
    public static readonly Anomaly IPv6TooManyExtensions = Anomaly.Declare("ipv6_too_many_extension_headers", AnomalyKind.Malformed, "more than 16 IPv6 extension headers");
    public static readonly Anomaly TruncatedTcp = Anomaly.Declare("truncated_tcp", AnomalyKind.Truncated, "the packet ends inside its TCP header");
    public static readonly Anomaly BadTcpDataOffset = Anomaly.Declare("tcp_bad_data_offset", AnomalyKind.Malformed, "TCP data offset below 5 or beyond the segment");
    public static readonly Anomaly TruncatedUdp = Anomaly.Declare("truncated_udp", AnomalyKind.Truncated, "the packet ends inside its UDP header");
    public static readonly Anomaly BadUdpLength = Anomaly.Declare("udp_bad_length", AnomalyKind.Malformed, "UDP length below 8 or beyond the IP payload");
    public static readonly Anomaly TruncatedIcmp = Anomaly.Declare("truncated_icmp", AnomalyKind.Truncated, "the packet ends inside its ICMP header");
    public static readonly Anomaly TruncatedArp = Anomaly.Declare("truncated_arp", AnomalyKind.Truncated, "the packet ends inside its ARP body");
    public static readonly Anomaly TruncatedDns = Anomaly.Declare("truncated_dns", AnomalyKind.Truncated, "a DNS message ends inside a name or record");
    public static readonly Anomaly DnsLabelLoop = Anomaly.Declare("dns_label_loop", AnomalyKind.Malformed, "a DNS name's compression pointers loop");
    public static readonly Anomaly DnsBadPointer = Anomaly.Declare("dns_bad_pointer", AnomalyKind.Malformed, "a DNS compression pointer points outside the message");
    public static readonly Anomaly DnsNameTooLong = Anomaly.Declare("dns_name_too_long", AnomalyKind.Malformed, "a DNS name longer than 255 bytes");
    public static readonly Anomaly DnsBadLabelType = Anomaly.Declare("dns_bad_label_type", AnomalyKind.Malformed, "a DNS label with the reserved type bits 01 or 10");
    public static readonly Anomaly DnsBadRecordLength = Anomaly.Declare("dns_bad_rdlength", AnomalyKind.Malformed, "a DNS record's data length disagrees with its type");
    public static readonly Anomaly TruncatedDhcp = Anomaly.Declare("truncated_dhcp", AnomalyKind.Truncated, "a DHCP message ends before its options");
    public static readonly Anomaly DhcpBadMagic = Anomaly.Declare("dhcp_bad_magic_cookie", AnomalyKind.Malformed, "a BOOTP message without the DHCP magic cookie");
    public static readonly Anomaly DhcpBadOption = Anomaly.Declare("dhcp_bad_option_length", AnomalyKind.Malformed, "a DHCP option runs past the message");
    public static readonly Anomaly TruncatedTls = Anomaly.Declare("truncated_tls_client_hello", AnomalyKind.Truncated, "a TLS ClientHello ends in this segment before its extensions (no reassembly)");
    public static readonly Anomaly BadTls = Anomaly.Declare("tls_bad_client_hello", AnomalyKind.Malformed, "a TLS ClientHello whose lengths disagree");
    public static readonly Anomaly BadHttp = Anomaly.Declare("http_bad_request_line", AnomalyKind.Malformed, "an HTTP method token not followed by a valid request line");
#pragma warning restore CS1591
}
