using System.Runtime.CompilerServices;
using System.Text;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Reports.Export;
using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Docs generated from code must match the code (BLINDS_UPDATE_GOLDEN=1 regenerates them).</summary>
public class DocsTests
{
    [Fact]
    public void Anomaly_ids_are_all_documented()
    {
        foreach (var t in new[] { typeof(CaptureAnomalies), typeof(CaptureMerge), typeof(Protocols.ProtocolAnomalies), typeof(Traffic.Flows.FlowTable), typeof(Traffic.TraceBuilder), typeof(Traffic.TimeGuard), typeof(Flows.FlowAnomalies), typeof(Attacks.Identification.MacLinker) })
        {
            RuntimeHelpers.RunClassConstructor(t.TypeHandle);
        }

        var sb = new StringBuilder();
        sb.Append("# Anomaly ids\n\nEvery problem Blinds meets in a capture is counted under one of these ids (stable: never renamed, only added). `blinds summary` shows the counts and where each was first seen. Generated from the code by `DocsTests`.\n\n");
        sb.Append("| id | kind | meaning |\n|---|---|---|\n");
        foreach (var a in Anomaly.All)
        {
            sb.Append($"| `{a.Id}` | {a.Kind.ToString().ToLowerInvariant()} | {a.Description} |\n");
        }

        Assert.True(Anomaly.All.Count >= 40);
        Golden.CheckFile("docs/anomalies.md", sb.ToString());
    }

    [Fact]
    public void Export_schema_is_documented()
    {
        var sb = new StringBuilder();
        sb.Append("# Export tables\n\n`blinds export CAPTURE --to parquet|csv|duckdb --out PATH` writes these tables (one file each for CSV and Parquet, one table each in DuckDB). Times are UTC instants: TIMESTAMPTZ in DuckDB, Parquet timestamps adjusted to UTC (DuckDB reads them as TIMESTAMPTZ), ISO 8601 with `Z` in CSV; `packets.time_ns` keeps the capture's nanoseconds. CSV writes nulls as empty fields. `http.target`, `http.host` and `http.authorization` are redacted unless `--show-secrets` (each credential pattern on its own: user information in a URL, key-like path segments, credential-named parameters in the path, query or fragment, the Authorization header's credentials), and with `--show-secrets` every file is created 0600. CSV text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` so that a spreadsheet shows them instead of running them as formulas (OWASP's rule against CSV injection: DHCP and DNS names come from the network); `--raw-csv` writes them as they are. Generated from the code by `DocsTests`.\n");
        void Table<T>(TableSchema<T> t)
        {
            sb.Append($"\n## {t.Name}\n\n| column | type |\n|---|---|\n");
            foreach (var c in t.Columns)
            {
                sb.Append($"| `{c.Name}` | {c.Kind switch { ColumnKind.Int64 => "BIGINT", ColumnKind.Bool => "BOOLEAN", ColumnKind.Timestamp => "TIMESTAMPTZ", _ => "VARCHAR" }} |\n");
            }
        }

        Table(Tables.Packets);
        Table(Tables.Flows);
        Table(Tables.Dns);
        Table(Tables.Dhcp);
        Table(Tables.Tls);
        Table(Tables.Http(false));
        Table(Tables.Ssdp);
        sb.Append("\n## flow_records (`blinds collect`)\n\n`blinds collect --listen ADDRESS:PORT --out FILE.parquet` writes one row per NetFlow v5/v9 or IPFIX flow record as received: one direction of one flow, `bytes` at the IP layer as exporters count them, `start`/`end` the first and last packet (from the exporter's clock), `format` one of netflow5, netflow9, ipfix; `src_mac`/`dst_mac` only when the exporter sends them.\n");
        Table(FlowRecordTables.FlowRecords);
        Golden.CheckFile("docs/export.md", sb.ToString());
    }
}
