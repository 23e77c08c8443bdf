using Blinds.Reports.Export;
using Blinds.Traffic;
using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Batch;

/// <summary>
/// Receives one home's rows while its trace is built and writes the tables `blinds export` writes (the same
/// schemas, credentials redacted) into that home's day partitions of the lake: <c>home=NAME/day=yyyy-mm-dd/TABLE.parquet</c>.
/// </summary>
public sealed class LakeSink : ITraceSink, IDisposable
{
    private readonly LakeTable<PacketRow> packets;
    private readonly LakeTable<FlowRecord> flows;
    private readonly LakeTable<DnsQueryRow> dns;
    private readonly LakeTable<DnsRow> dnsRecords;
    private readonly DnsQueryTable queries;
    private readonly LakeTable<DhcpRow> dhcp;
    private readonly LakeTable<TlsRow> tls;
    private readonly LakeTable<HttpRow> http;
    private readonly LakeTable<SsdpRow> ssdp;
    private readonly LakeTable<ConnRow> conn;
    private readonly LakeTable<DeviceRow> devices;
    private readonly ConnTable connections = new();
    private long? firstNs;
    private bool disposed;

    /// <summary>Writes under <paramref name="homeDir"/> (the home's <c>home=NAME</c> folder).</summary>
    public LakeSink(string homeDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(homeDir);
        HomeDir = homeDir;
        packets = new(Tables.Packets, homeDir, false);
        flows = new(Tables.Flows, homeDir, false);
        dns = new(Tables.Dns, homeDir, false);
        dnsRecords = new(Tables.DnsRecords, homeDir, false);
        queries = new DnsQueryTable(r => dns.Write(r.TimeNs, r));
        dhcp = new(Tables.Dhcp, homeDir, false);
        tls = new(Tables.Tls, homeDir, false);
        http = new(Tables.Http(showSecrets: false), homeDir, false);
        ssdp = new(Tables.Ssdp, homeDir, false);
        conn = new(Tables.Conn, homeDir, false);
        devices = new(Tables.Devices, homeDir, false);
    }

    /// <summary>The home's folder.</summary>
    public string HomeDir { get; }

    /// <summary>Rows written per table.</summary>
    public IReadOnlyDictionary<string, long> RowCounts => new Dictionary<string, long>
    {
        ["packets"] = packets.Rows,
        ["flows"] = flows.Rows,
        ["dns"] = dns.Rows,
        ["dns_records"] = dnsRecords.Rows,
        ["dhcp"] = dhcp.Rows,
        ["tls"] = tls.Rows,
        ["http"] = http.Rows,
        ["ssdp"] = ssdp.Rows,
        ["conn"] = conn.Rows,
        ["devices"] = devices.Rows,
    };

    /// <inheritdoc/>
    public void OnPacket(in PacketRow row)
    {
        firstNs = firstNs is { } f && f <= row.TimeNs ? f : row.TimeNs;
        packets.Write(row.TimeNs, row);
    }

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flows.Write(flow.FirstNs, flow);
        conn.Write(flow.FirstNs, connections.Row(flow));
    }

    /// <inheritdoc/>
    public void OnDns(DnsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        dnsRecords.Write(row.TimeNs, row);
        queries.OnDns(row);
        connections.OnDns(row);
    }

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        dhcp.Write(row.TimeNs, row);
        connections.OnDhcp(row);
    }

    /// <inheritdoc/>
    public void OnTls(TlsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        tls.Write(row.TimeNs, row);
        connections.OnTls(row);
    }

    /// <inheritdoc/>
    public void OnHttp(HttpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        http.Write(row.TimeNs, row);
    }

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ssdp.Write(row.TimeNs, row);
    }

    /// <summary>
    /// Writes the devices table (the whole capture's stations, in the partition of its first day) and an empty file
    /// for each table that had no row, so that every table has at least one file per home.
    /// </summary>
    public void Finish(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var first = trace.FirstNs ?? firstNs ?? 0;
        queries.Complete();
        foreach (var d in DeviceRow.Of(trace))
        {
            devices.Write(first, d);
        }

        var day = LakePartitions.DayFolder(first);
        packets.EnsureFile(day);
        flows.EnsureFile(day);
        dns.EnsureFile(day);
        dnsRecords.EnsureFile(day);
        dhcp.EnsureFile(day);
        tls.EnsureFile(day);
        http.EnsureFile(day);
        ssdp.EnsureFile(day);
        conn.EnsureFile(day);
        devices.EnsureFile(day);
    }

    /// <summary>Finishes every open file.</summary>
    public void Dispose()
    {
        if (disposed)
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
