using Blinds.Traffic;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Export;

/// <summary>
/// Routes the trace's rows, while it is built, to the exported tables (docs/export.md): packets, flows, dns
/// (queries joined with their answers), dns_records, dhcp, tls, http (credentials redacted unless asked), ssdp,
/// conn (as the flows end, named from the DNS, DHCP and TLS seen before) and devices (once the trace is whole).
/// `export` and the batch's lake differ only in where the tables go (<see cref="ITableOpener"/>), so the routing
/// lives here once.
/// </summary>
public abstract class TableSink : ITraceSink, IDisposable
{
    private readonly ITableWriter<PacketRow> packets;
    private readonly ITableWriter<FlowRecord> flows;
    private readonly ITableWriter<DnsQueryRow> dns;
    private readonly ITableWriter<DnsRow> dnsRecords;
    private readonly DnsQueryTable queries;
    private readonly ITableWriter<DhcpRow> dhcp;
    private readonly ITableWriter<TlsRow> tls;
    private readonly ITableWriter<HttpRow> http;
    private readonly ITableWriter<SsdpRow> ssdp;
    private readonly ITableWriter<ConnRow> conn;
    private readonly ITableWriter<DeviceRow> devices;
    private readonly ConnTable connections = new();
    private long devicesNs;
    private bool disposed;

    /// <summary>Opens every table through <paramref name="opener"/>; <paramref name="showSecrets"/> keeps credentials in http.</summary>
    private protected TableSink(ITableOpener opener, bool showSecrets)
    {
        ArgumentNullException.ThrowIfNull(opener);
        packets = opener.Open(Tables.Packets, r => r.TimeNs);
        flows = opener.Open(Tables.Flows, r => r.FirstNs);
        dns = opener.Open(Tables.Dns, r => r.TimeNs);
        dnsRecords = opener.Open(Tables.DnsRecords, r => r.TimeNs);
        queries = new DnsQueryTable(r => dns.Write(r));
        dhcp = opener.Open(Tables.Dhcp, r => r.TimeNs);
        tls = opener.Open(Tables.Tls, r => r.TimeNs);
        http = opener.Open(Tables.Http(showSecrets), r => r.TimeNs);
        ssdp = opener.Open(Tables.Ssdp, r => r.TimeNs);
        conn = opener.Open(Tables.Conn, r => r.TimeNs);

        // The devices table describes the whole capture: it is dated to the capture's first packet.
        devices = opener.Open(Tables.Devices, _ => devicesNs);
    }

    /// <summary>Rows written per table.</summary>
    public IReadOnlyDictionary<string, long> RowCounts => new Dictionary<string, long>
    {
        [Tables.Packets.Name] = packets.Rows,
        [Tables.Flows.Name] = flows.Rows,
        [Tables.Dns.Name] = dns.Rows,
        [Tables.DnsRecords.Name] = dnsRecords.Rows,
        [Tables.Dhcp.Name] = dhcp.Rows,
        [Tables.Tls.Name] = tls.Rows,
        [Tables.Http(false).Name] = http.Rows,
        [Tables.Ssdp.Name] = ssdp.Rows,
        [Tables.Conn.Name] = conn.Rows,
        [Tables.Devices.Name] = devices.Rows,
    };

    /// <inheritdoc/>
    public void OnPacket(in PacketRow row) => packets.Write(row);

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flows.Write(flow);
        conn.Write(connections.Row(flow));
    }

    /// <inheritdoc/>
    public void OnDns(DnsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        dnsRecords.Write(row);
        queries.OnDns(row);
        connections.OnDns(row);
    }

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        dhcp.Write(row);
        connections.OnDhcp(row);
    }

    /// <inheritdoc/>
    public void OnTls(TlsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        tls.Write(row);
        connections.OnTls(row);
    }

    /// <inheritdoc/>
    public void OnHttp(HttpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        http.Write(row);
    }

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ssdp.Write(row);
    }

    /// <summary>
    /// Writes the devices table (the home's stations as the finished trace identifies them) and the DNS queries
    /// still waiting for an answer: after this, every row the trace gave is in its table.
    /// </summary>
    public void WriteDevices(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        queries.Complete();
        devicesNs = trace.FirstNs ?? 0;
        foreach (var d in DeviceRow.Of(trace))
        {
            devices.Write(d);
        }
    }

    /// <summary>Finishes every table.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Finishes every table (the pending DNS queries first, unanswered); overrides close what they opened after calling this.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing)
        {
            return;
        }

        disposed = true;
        queries.Complete();
        packets.Dispose();
        flows.Dispose();
        dns.Dispose();
        dnsRecords.Dispose();
        dhcp.Dispose();
        tls.Dispose();
        http.Dispose();
        ssdp.Dispose();
        conn.Dispose();
        devices.Dispose();
    }
}
