using Blinds.Attacks.Leaks;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Export;

/// <summary>The exported tables' schemas: the documented contract for users' own SQL (see docs/export.md).</summary>
public static class Tables
{
    /// <summary>packets: one row per packet.</summary>
    public static TableSchema<PacketRow> Packets { get; } = new("packets",
    [
        Column<PacketRow>.Time("time", r => r.TimeNs),
        Column<PacketRow>.Int("time_ns", r => r.TimeNs),
        Column<PacketRow>.Int("wire_length", r => r.WireLength),
        Column<PacketRow>.Int("captured_length", r => r.CapturedLength),
        Column<PacketRow>.Str("src_mac", r => r.SourceMac.Value == 0 ? null : r.SourceMac.ToString()),
        Column<PacketRow>.Str("dst_mac", r => r.DestinationMac.Value == 0 ? null : r.DestinationMac.ToString()),
        Column<PacketRow>.Int("ip_version", r => r.IpVersion),
        Column<PacketRow>.Str("src_ip", r => r.IpVersion == 0 ? null : r.SourceIp.ToString()),
        Column<PacketRow>.Str("dst_ip", r => r.IpVersion == 0 ? null : r.DestinationIp.ToString()),
        Column<PacketRow>.Int("protocol", r => r.Protocol),
        Column<PacketRow>.Int("src_port", r => r.SourcePort),
        Column<PacketRow>.Int("dst_port", r => r.DestinationPort),
        Column<PacketRow>.Int("tcp_flags", r => r.TcpFlags),
        Column<PacketRow>.Str("direction", r => r.Direction.ToString().ToLowerInvariant()),
        Column<PacketRow>.Str("device", r => r.Device.Value == 0 ? null : r.Device.ToString()),
    ]);

    /// <summary>flows: one row per finished bidirectional flow.</summary>
    public static TableSchema<FlowRecord> Flows { get; } = new("flows",
    [
        Column<FlowRecord>.Time("first", r => r.FirstNs),
        Column<FlowRecord>.Time("last", r => r.LastNs),
        Column<FlowRecord>.Int("protocol", r => r.Protocol),
        Column<FlowRecord>.Str("initiator_ip", r => r.InitiatorIp.ToString()),
        Column<FlowRecord>.Int("initiator_port", r => r.InitiatorPort),
        Column<FlowRecord>.Str("responder_ip", r => r.ResponderIp.ToString()),
        Column<FlowRecord>.Int("responder_port", r => r.ResponderPort),
        Column<FlowRecord>.Str("initiator_mac", r => r.InitiatorMac.Value == 0 ? null : r.InitiatorMac.ToString()),
        Column<FlowRecord>.Str("responder_mac", r => r.ResponderMac.Value == 0 ? null : r.ResponderMac.ToString()),
        Column<FlowRecord>.Int("packets_forward", r => r.PacketsForward),
        Column<FlowRecord>.Int("bytes_forward", r => r.BytesForward),
        Column<FlowRecord>.Int("packets_backward", r => r.PacketsBackward),
        Column<FlowRecord>.Int("bytes_backward", r => r.BytesBackward),
        Column<FlowRecord>.Int("tcp_flags", r => r.TcpFlags),
        Column<FlowRecord>.Str("end_reason", r => r.EndReason.ToString().ToLowerInvariant()),
    ]);

    /// <summary>dns: one row per query with its answers, as Zeek's dns.log (<see cref="DnsQueryTable"/>).</summary>
    public static TableSchema<DnsQueryRow> Dns { get; } = new("dns",
    [
        Column<DnsQueryRow>.Time("ts", r => r.TimeNs),
        Column<DnsQueryRow>.Str("device", r => r.Device.Value == 0 ? null : r.Device.ToString()),
        Column<DnsQueryRow>.Str("client_ip", r => r.Client.ToString()),
        Column<DnsQueryRow>.Str("server_ip", r => r.Server.ToString()),
        Column<DnsQueryRow>.Bool("mdns", r => r.Multicast),
        Column<DnsQueryRow>.Int("trans_id", r => r.TransactionId),
        Column<DnsQueryRow>.Str("query", r => r.Query),
        Column<DnsQueryRow>.Int("qtype", r => r.QueryType),
        Column<DnsQueryRow>.Bool("query_seen", r => r.QuerySeen),
        Column<DnsQueryRow>.Bool("answered", r => r.Answered),
        Column<DnsQueryRow>.Str("rcode", r => r.ResponseCode),
        Column<DnsQueryRow>.Double("rtt", r => r.RoundTripSeconds),
        Column<DnsQueryRow>.Str("answers", r => r.Answers),
        Column<DnsQueryRow>.Str("ttls", r => r.Ttls),
    ]);

    /// <summary>dns_records: one row per question and per answer record, as the packets carry them.</summary>
    public static TableSchema<DnsRow> DnsRecords { get; } = new("dns_records",
    [
        Column<DnsRow>.Time("time", r => r.TimeNs),
        Column<DnsRow>.Str("device", r => r.Device.Value == 0 ? null : r.Device.ToString()),
        Column<DnsRow>.Str("client_ip", r => r.Client.ToString()),
        Column<DnsRow>.Str("server_ip", r => r.Server.ToString()),
        Column<DnsRow>.Bool("mdns", r => r.Multicast),
        Column<DnsRow>.Bool("response", r => r.Response),
        Column<DnsRow>.Str("section", r => r.Section),
        Column<DnsRow>.Str("name", r => r.Name),
        Column<DnsRow>.Int("type", r => r.Type),
        Column<DnsRow>.Int("ttl", r => r.Ttl),
        Column<DnsRow>.Str("address", r => r.Address?.ToString()),
        Column<DnsRow>.Str("target", r => r.Target),
    ]);

    /// <summary>dhcp: one row per DHCP message.</summary>
    public static TableSchema<DhcpRow> Dhcp { get; } = new("dhcp",
    [
        Column<DhcpRow>.Time("time", r => r.TimeNs),
        Column<DhcpRow>.Str("client_mac", r => r.ClientMac.ToString()),
        Column<DhcpRow>.Int("message_type", r => r.MessageType),
        Column<DhcpRow>.Str("host_name", r => r.HostName),
        Column<DhcpRow>.Str("requested_ip", r => r.RequestedIp?.ToString()),
        Column<DhcpRow>.Str("your_ip", r => r.YourIp?.ToString()),
        Column<DhcpRow>.Str("parameter_list", r => r.ParameterList),
        Column<DhcpRow>.Str("vendor_class", r => r.VendorClass),
        Column<DhcpRow>.Str("client_id", r => r.ClientId),
        Column<DhcpRow>.Str("fqdn", r => r.Fqdn),
    ]);

    /// <summary>tls: one row per ClientHello.</summary>
    public static TableSchema<TlsRow> Tls { get; } = new("tls",
    [
        Column<TlsRow>.Time("time", r => r.TimeNs),
        Column<TlsRow>.Str("device", r => r.Device.Value == 0 ? null : r.Device.ToString()),
        Column<TlsRow>.Str("client_ip", r => r.Client.ToString()),
        Column<TlsRow>.Str("server_ip", r => r.Server.ToString()),
        Column<TlsRow>.Int("server_port", r => r.ServerPort),
        Column<TlsRow>.Str("server_name", r => r.ServerName),
        Column<TlsRow>.Str("alpn", r => r.Alpn),
    ]);

    /// <summary>http: one row per request head; target, host and authorization are redacted unless --show-secrets.</summary>
    public static TableSchema<HttpRow> Http(bool showSecrets) => new("http",
    [
        Column<HttpRow>.Time("time", r => r.TimeNs),
        Column<HttpRow>.Str("device", r => r.Device.Value == 0 ? null : r.Device.ToString()),
        Column<HttpRow>.Str("client_ip", r => r.Client.ToString()),
        Column<HttpRow>.Str("server_ip", r => r.Server.ToString()),
        Column<HttpRow>.Int("server_port", r => r.ServerPort),
        Column<HttpRow>.Str("method", r => r.Method),
        Column<HttpRow>.Str("target", r => showSecrets ? r.Target : SecretRedactor.Target(r.Target)),
        Column<HttpRow>.Str("host", r => showSecrets ? r.Host : SecretRedactor.Host(r.Host)),
        Column<HttpRow>.Str("user_agent", r => r.UserAgent),
        Column<HttpRow>.Str("authorization", r => showSecrets ? r.Authorization : SecretRedactor.Authorization(r.Authorization)),
    ]);

    /// <summary>ssdp: one row per SSDP message.</summary>
    public static TableSchema<SsdpRow> Ssdp { get; } = new("ssdp",
    [
        Column<SsdpRow>.Time("time", r => r.TimeNs),
        Column<SsdpRow>.Str("device", r => r.Device.ToString()),
        Column<SsdpRow>.Str("kind", r => r.Kind),
        Column<SsdpRow>.Str("type", r => r.Type),
        Column<SsdpRow>.Str("usn", r => r.Usn),
        Column<SsdpRow>.Str("server", r => r.Server),
        Column<SsdpRow>.Str("location", r => r.Location),
    ]);

    /// <summary>conn: one row per finished flow, with Zeek conn.log's columns (see <see cref="ConnRow"/>).</summary>
    public static TableSchema<ConnRow> Conn { get; } = new("conn",
    [
        Column<ConnRow>.Str("uid", r => r.Uid),
        Column<ConnRow>.Time("ts", r => r.TimeNs),
        Column<ConnRow>.Double("duration", r => r.Duration),
        Column<ConnRow>.Str("proto", r => r.Proto),
        Column<ConnRow>.Str("service", r => r.Service),
        Column<ConnRow>.Str("conn_state", r => r.ConnState),
        Column<ConnRow>.Str("orig_h", r => r.OrigHost),
        Column<ConnRow>.Int("orig_p", r => r.OrigPort),
        Column<ConnRow>.Str("resp_h", r => r.RespHost),
        Column<ConnRow>.Int("resp_p", r => r.RespPort),
        Column<ConnRow>.Int("orig_bytes", r => r.OrigBytes),
        Column<ConnRow>.Int("orig_pkts", r => r.OrigPackets),
        Column<ConnRow>.Int("resp_bytes", r => r.RespBytes),
        Column<ConnRow>.Int("resp_pkts", r => r.RespPackets),
        Column<ConnRow>.Str("device_mac", r => r.DeviceMac),
        Column<ConnRow>.Str("device_name", r => r.DeviceName),
        Column<ConnRow>.Str("server_name", r => r.ServerName),
        Column<ConnRow>.Str("end_reason", r => r.EndReason),
    ]);

    /// <summary>devices: one row per home station, identified as the LAN observer can (see <see cref="DeviceRow"/>).</summary>
    public static TableSchema<DeviceRow> Devices { get; } = new("devices",
    [
        Column<DeviceRow>.Str("mac", r => r.Mac),
        Column<DeviceRow>.Str("vendor", r => r.Vendor),
        Column<DeviceRow>.Str("addresses", r => r.Addresses),
        Column<DeviceRow>.Str("host_names", r => r.HostNames),
        Column<DeviceRow>.Str("names", r => r.Names),
        Column<DeviceRow>.Str("label", r => r.Label),
        Column<DeviceRow>.Str("kind", r => r.Kind),
        Column<DeviceRow>.Double("confidence", r => r.Confidence),
        Column<DeviceRow>.Int("bytes_up", r => r.BytesUp),
        Column<DeviceRow>.Int("bytes_down", r => r.BytesDown),
    ]);
}
