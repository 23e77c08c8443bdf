using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

using DuckDB.NET.Data;

namespace Blinds.Reports.Export;

/// <summary>
/// Receives the trace's rows while it is built and writes the tables (packets, flows, dns, dns_records, dhcp, tls, http, ssdp,
/// conn as the flows end, devices once the trace is whole) in one format. CSV and Parquet go to a new directory, DuckDB to a new file; nothing existing is replaced.
/// </summary>
public sealed class ExportSink : ITraceSink, IDisposable
{
    private readonly ITableWriter<PacketRow> packets;
    private readonly ITableWriter<FlowRecord> flows;
    private readonly ITableWriter<DnsQueryRow> dns;
    private readonly ITableWriter<DnsRow> dnsRecords;
    private readonly DnsQueryTable dnsQueries;
    private readonly ITableWriter<DhcpRow> dhcp;
    private readonly ITableWriter<TlsRow> tls;
    private readonly ITableWriter<HttpRow> http;
    private readonly ITableWriter<SsdpRow> ssdp;
    private readonly ITableWriter<ConnRow> conn;
    private readonly ITableWriter<DeviceRow> devices;
    private readonly ConnTable connections = new();
    private readonly DuckDBConnection? connection;
    private readonly List<string> created = [];
    private readonly bool createdDirectory;
    private bool disposed;

    private ExportSink(ExportFormat format, string output, bool showSecrets, bool rawCsv)
    {
        if (format == ExportFormat.DuckDb)
        {
            if (File.Exists(output) || Directory.Exists(output))
            {
                throw new IOException($"{output}: already exists; Blinds does not overwrite files");
            }

            created.Add(output);
            created.Add(output + ".wal");
            connection = new DuckDBConnection($"Data Source={output}");
            connection.Open();
            if (showSecrets && !OperatingSystem.IsWindows())
            {
                // DuckDB creates the file itself; narrow it to the owner before any row is written.
                File.SetUnixFileMode(output, File.GetUnixFileMode(output) & (UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            packets = new DuckDbTableWriter<PacketRow>(Tables.Packets, connection);
            flows = new DuckDbTableWriter<FlowRecord>(Tables.Flows, connection);
            dns = new DuckDbTableWriter<DnsQueryRow>(Tables.Dns, connection);
            dnsRecords = new DuckDbTableWriter<DnsRow>(Tables.DnsRecords, connection);
            dnsQueries = new DnsQueryTable(r => dns.Write(r));
            dhcp = new DuckDbTableWriter<DhcpRow>(Tables.Dhcp, connection);
            tls = new DuckDbTableWriter<TlsRow>(Tables.Tls, connection);
            http = new DuckDbTableWriter<HttpRow>(Tables.Http(showSecrets), connection);
            ssdp = new DuckDbTableWriter<SsdpRow>(Tables.Ssdp, connection);
            conn = new DuckDbTableWriter<ConnRow>(Tables.Conn, connection);
            devices = new DuckDbTableWriter<DeviceRow>(Tables.Devices, connection);
            return;
        }

        if (File.Exists(output) || (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()))
        {
            throw new IOException($"{output}: already exists and is not an empty directory; Blinds does not overwrite files");
        }

        createdDirectory = !Directory.Exists(output);
        Directory.CreateDirectory(output);
        Output = output;
        var ext = format == ExportFormat.Csv ? ".csv" : ".parquet";
        ITableWriter<T> Make<T>(TableSchema<T> s)
        {
            var path = Path.Combine(output, s.Name + ext);
            created.Add(path);
            return format == ExportFormat.Csv ? new CsvTableWriter<T>(s, path, rawCsv, ownerOnly: showSecrets) : new ParquetTableWriter<T>(s, path, ownerOnly: showSecrets);
        }

        packets = Make(Tables.Packets);
        flows = Make(Tables.Flows);
        dns = Make(Tables.Dns);
        dnsRecords = Make(Tables.DnsRecords);
        dnsQueries = new DnsQueryTable(r => dns.Write(r));
        dhcp = Make(Tables.Dhcp);
        tls = Make(Tables.Tls);
        http = Make(Tables.Http(showSecrets));
        ssdp = Make(Tables.Ssdp);
        conn = Make(Tables.Conn);
        devices = Make(Tables.Devices);
    }

    private string? Output { get; }

    /// <summary>
    /// Opens the output; throws <see cref="IOException"/> when it exists. With <paramref name="showSecrets"/> every
    /// file is created 0600 (it holds credentials); <paramref name="rawCsv"/> turns off CSV formula neutralisation.
    /// </summary>
    public static ExportSink Create(ExportFormat format, string output, bool showSecrets, bool rawCsv = false) => new(format, output, showSecrets, rawCsv);

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
    public void OnPacket(in PacketRow row) => packets.Write(row);

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow)
    {
        flows.Write(flow);
        conn.Write(connections.Row(flow));
    }

    /// <inheritdoc/>
    public void OnDns(DnsRow row)
    {
        dnsRecords.Write(row);
        dnsQueries.OnDns(row);
        connections.OnDns(row);
    }

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row)
    {
        dhcp.Write(row);
        connections.OnDhcp(row);
    }

    /// <inheritdoc/>
    public void OnTls(TlsRow row)
    {
        tls.Write(row);
        connections.OnTls(row);
    }

    /// <inheritdoc/>
    public void OnHttp(HttpRow row) => http.Write(row);

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row) => ssdp.Write(row);

    /// <summary>Writes the devices table: the home's stations as the finished trace identifies them.</summary>
    public void WriteDevices(Blinds.Traffic.Trace trace)
    {
        foreach (var d in DeviceRow.Of(trace))
        {
            devices.Write(d);
        }
    }

    /// <summary>
    /// Closes and deletes what this export created (its files, and its directory if it made it), for when reading the
    /// input failed: a half-written export must not pass for a whole one. Nothing that existed before is touched.
    /// </summary>
    public void Abandon()
    {
        Dispose();
        foreach (var path in created.Where(File.Exists))
        {
            File.Delete(path);
        }

        if (createdDirectory && Output is not null && Directory.Exists(Output) && !Directory.EnumerateFileSystemEntries(Output).Any())
        {
            Directory.Delete(Output);
        }
    }

    /// <summary>Finishes every table.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        dnsQueries.Complete();
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
        connection?.Dispose();
    }
}
