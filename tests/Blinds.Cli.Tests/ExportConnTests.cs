using System.Globalization;

using Blinds.Reports.Export;
using Blinds.Testing;

using DuckDB.NET.Data;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The Zeek-like tables: DuckDB reads every exported table with the documented types, and conn's bytes are its packets'.</summary>
public sealed class ExportConnTests : IClassFixture<LabFixture>, IDisposable
{
    private readonly LabFixture lab;
    private readonly TempDir dir = new();

    public ExportConnTests(LabFixture lab) => this.lab = lab;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Duckdb_reads_every_table_of_the_database_and_the_parquet_files_with_the_documented_types()
    {
        var db = dir.File("home.duckdb");
        var pq = dir.File("pq");
        var r = CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "duckdb", "--out", db);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "parquet", "--out", pq).ExitCode);

        using var conn = new DuckDBConnection($"Data Source={db}");
        conn.Open();
        foreach (var (table, columns) in Documented())
        {
            Assert.Equal(columns, Described(conn, $"\"{table}\""));
            Assert.Equal(columns, Described(conn, $"read_parquet('{Path.Combine(pq, table + ".parquet")}')"));
        }
    }

    [Fact]
    public void A_conn_rows_bytes_and_packets_are_its_packets_summed_and_devices_carry_identifys_labels()
    {
        var db = dir.File("conn.duckdb");
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "duckdb", "--out", db).ExitCode);
        using var conn = new DuckDBConnection($"Data Source={db}");
        conn.Open();

        // Per connection 5-tuple (both directions): conn's bytes and packets against the packets table's.
        var rows = Query(conn, """
            WITH c AS (SELECT proto, orig_h, orig_p, resp_h, resp_p, sum(orig_bytes + resp_bytes) AS bytes, sum(orig_pkts + resp_pkts) AS pkts FROM conn GROUP BY ALL),
                 p AS (SELECT protocol, src_ip, src_port, dst_ip, dst_port, wire_length FROM packets WHERE ip_version > 0)
            SELECT c.bytes, c.pkts, (SELECT sum(wire_length) FROM p WHERE (p.src_ip = c.orig_h AND p.dst_ip = c.resp_h AND p.src_port = c.orig_p AND p.dst_port = c.resp_p) OR (p.src_ip = c.resp_h AND p.dst_ip = c.orig_h AND p.src_port = c.resp_p AND p.dst_port = c.orig_p)),
                   (SELECT count(*) FROM p WHERE (p.src_ip = c.orig_h AND p.dst_ip = c.resp_h AND p.src_port = c.orig_p AND p.dst_port = c.resp_p) OR (p.src_ip = c.resp_h AND p.dst_ip = c.orig_h AND p.src_port = c.resp_p AND p.dst_port = c.orig_p))
            FROM c WHERE c.proto IN ('tcp', 'udp')
            """);
        Assert.True(rows.Count > 20, $"only {rows.Count} connections");
        Assert.All(rows, row =>
        {
            Assert.Equal(row[0], row[2]);
            Assert.Equal(row[1], row[3]);
        });
        Assert.Equal(Query(conn, "SELECT sum(wire_length) FROM packets WHERE ip_version > 0")[0][0], Query(conn, "SELECT sum(orig_bytes + resp_bytes) FROM conn")[0][0]);

        // The lab's seven devices, each with the label `blinds identify` gives it; TLS connections carry their server name.
        var identify = CliRunner.Run(dir.Path, "identify", lab.Capture, "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(identify.Stdout);
        var expected = doc.RootElement.GetProperty("entities").EnumerateArray()
            .Select(e => $"{e.GetProperty("mac").GetString()} {e.GetProperty("label").GetString()}").Order(StringComparer.Ordinal).ToArray();
        var labelled = Query(conn, "SELECT mac, label FROM devices").Select(row => $"{row[0]} {row[1]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(7, labelled.Length);
        Assert.Equal(expected, labelled);
        Assert.Equal("0", Query(conn, "SELECT count(*) FROM conn WHERE service = 'ssl' AND resp_p = 443 AND server_name IS NULL AND conn_state <> 'OTH'")[0][0]);
        Assert.Equal(Query(conn, "SELECT count(*) FROM conn")[0][0], Query(conn, "SELECT count(DISTINCT uid) FROM conn")[0][0]);
    }

    // What docs/export.md documents, from the same schemas DocsTests generates it from.
    private static IEnumerable<(string Table, string[] Columns)> Documented()
    {
        static string Type(ColumnKind k) => k switch
        {
            ColumnKind.Int64 => "BIGINT",
            ColumnKind.Bool => "BOOLEAN",
            ColumnKind.Timestamp => "TIMESTAMP WITH TIME ZONE",
            ColumnKind.Double => "DOUBLE",
            _ => "VARCHAR",
        };
        static (string, string[]) Of<T>(TableSchema<T> t) => (t.Name, t.Columns.Select(c => $"{c.Name} {Type(c.Kind)}").ToArray());
        return [Of(Tables.Packets), Of(Tables.Flows), Of(Tables.Dns), Of(Tables.DnsRecords), Of(Tables.Dhcp), Of(Tables.Tls), Of(Tables.Http(false)), Of(Tables.Ssdp), Of(Tables.Conn), Of(Tables.Devices)];
    }

    private static string[] Described(DuckDBConnection conn, string source) =>
        Query(conn, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})").Select(r => $"{r[0]} {r[1]}").ToArray();

    private static List<string[]> Query(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
        {
            rows.Add(Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty).ToArray());
        }

        return rows;
    }
}
