using Blinds.Traffic.Flows;
using Blinds.Traffic.Records;

using DuckDB.NET.Data;

namespace Blinds.Reports.Export;

/// <summary>
/// Receives the trace's rows while it is built and writes the seven tables (packets, flows, dns, dhcp, tls, http,
/// ssdp) in one format. CSV and Parquet go to a new directory, DuckDB to a new file; nothing existing is replaced.
/// </summary>
public sealed class ExportSink : ITraceSink, IDisposable
{
    private readonly ITableWriter<PacketRow> packets;
    private readonly ITableWriter<FlowRecord> flows;
    private readonly ITableWriter<DnsRow> dns;
    private readonly ITableWriter<DhcpRow> dhcp;
    private readonly ITableWriter<TlsRow> tls;
    private readonly ITableWriter<HttpRow> http;
    private readonly ITableWriter<SsdpRow> ssdp;
    private readonly DuckDBConnection? connection;

    private ExportSink(ExportFormat format, string output, bool showSecrets)
    {
        if (format == ExportFormat.DuckDb)
        {
            if (File.Exists(output) || Directory.Exists(output))
            {
                throw new IOException($"{output}: already exists; Blinds does not overwrite files");
            }

            connection = new DuckDBConnection($"Data Source={output}");
            connection.Open();
            packets = new DuckDbTableWriter<PacketRow>(Tables.Packets, connection);
            flows = new DuckDbTableWriter<FlowRecord>(Tables.Flows, connection);
            dns = new DuckDbTableWriter<DnsRow>(Tables.Dns, connection);
            dhcp = new DuckDbTableWriter<DhcpRow>(Tables.Dhcp, connection);
            tls = new DuckDbTableWriter<TlsRow>(Tables.Tls, connection);
            http = new DuckDbTableWriter<HttpRow>(Tables.Http(showSecrets), connection);
            ssdp = new DuckDbTableWriter<SsdpRow>(Tables.Ssdp, connection);
            return;
        }

        if (File.Exists(output) || (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any()))
        {
            throw new IOException($"{output}: already exists and is not an empty directory; Blinds does not overwrite files");
        }

        Directory.CreateDirectory(output);
        var ext = format == ExportFormat.Csv ? ".csv" : ".parquet";
        ITableWriter<T> Make<T>(TableSchema<T> s) => format == ExportFormat.Csv
            ? new CsvTableWriter<T>(s, Path.Combine(output, s.Name + ext))
            : new ParquetTableWriter<T>(s, Path.Combine(output, s.Name + ext));
        packets = Make(Tables.Packets);
        flows = Make(Tables.Flows);
        dns = Make(Tables.Dns);
        dhcp = Make(Tables.Dhcp);
        tls = Make(Tables.Tls);
        http = Make(Tables.Http(showSecrets));
        ssdp = Make(Tables.Ssdp);
    }

    /// <summary>Opens the output; throws <see cref="IOException"/> when it exists.</summary>
    public static ExportSink Create(ExportFormat format, string output, bool showSecrets) => new(format, output, showSecrets);

    /// <summary>Rows written per table.</summary>
    public IReadOnlyDictionary<string, long> RowCounts => new Dictionary<string, long>
    {
        ["packets"] = packets.Rows,
        ["flows"] = flows.Rows,
        ["dns"] = dns.Rows,
        ["dhcp"] = dhcp.Rows,
        ["tls"] = tls.Rows,
        ["http"] = http.Rows,
        ["ssdp"] = ssdp.Rows,
    };

    /// <inheritdoc/>
    public void OnPacket(in PacketRow row) => packets.Write(row);

    /// <inheritdoc/>
    public void OnFlow(FlowRecord flow) => flows.Write(flow);

    /// <inheritdoc/>
    public void OnDns(DnsRow row) => dns.Write(row);

    /// <inheritdoc/>
    public void OnDhcp(DhcpRow row) => dhcp.Write(row);

    /// <inheritdoc/>
    public void OnTls(TlsRow row) => tls.Write(row);

    /// <inheritdoc/>
    public void OnHttp(HttpRow row) => http.Write(row);

    /// <inheritdoc/>
    public void OnSsdp(SsdpRow row) => ssdp.Write(row);

    /// <summary>Finishes every table.</summary>
    public void Dispose()
    {
        packets.Dispose();
        flows.Dispose();
        dns.Dispose();
        dhcp.Dispose();
        tls.Dispose();
        http.Dispose();
        ssdp.Dispose();
        connection?.Dispose();
    }
}
