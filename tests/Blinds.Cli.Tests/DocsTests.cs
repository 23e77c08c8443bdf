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
                sb.Append($"| `{c.Name}` | {c.Kind switch { ColumnKind.Int64 => "BIGINT", ColumnKind.Bool => "BOOLEAN", ColumnKind.Timestamp => "TIMESTAMPTZ", ColumnKind.Double => "DOUBLE", _ => "VARCHAR" }} |\n");
            }
        }

        Table(Tables.Packets);
        Table(Tables.Flows);
        Table(Tables.Dns);
        sb.Append("\n`dns` has one row per query with its response, as Zeek's dns.log: a response answers the query with the same client, server, transaction id (`trans_id`), name and type; `ts` is the query's time; `query`/`qtype` its first question; `answered` whether a response was seen and `rcode` its code name (NOERROR, NXDOMAIN...), null without one; `rtt` seconds from query to response (0 unless both were seen); `answers` and `ttls` the answer records' addresses or targets and TTLs, comma-separated in the response's order. A query unanswered for 30 s is written unanswered; a response whose query was not seen (an mDNS announcement, a capture that starts mid-exchange) has `query_seen` false and `ts` the response's time. `dns_records` keeps every question and answer record as the packets carry them.\n");
        Table(Tables.DnsRecords);
        Table(Tables.Dhcp);
        Table(Tables.Tls);
        Table(Tables.Http(false));
        Table(Tables.Ssdp);
        sb.Append("\n## conn and devices: Zeek-like tables\n\n`conn` has one row per finished flow, with the columns of Zeek's conn.log: `uid` a stable id (\"C\" and 11 base-62 digits of a hash of the start and 5-tuple, the same on every run); `ts` the first packet; `duration` seconds to the last; `proto` tcp, udp, icmp, icmpv6 or the protocol number; `service` dns, http, ssl, ntp, dhcp, ssdp or mqtt from the responder's port (Zeek reads it from the content; Blinds says ssl whenever the flow carried a TLS ClientHello), else null; `conn_state` Zeek's state from the TCP flags of both directions together and how the record ended: S0 a SYN with no reply, S1 established and not closed, SF closed by FIN (other protocols: replies seen), REJ a SYN answered only by a reset, RSTO a reset after a reply (which side reset is not kept, so Zeek's RSTR shows as RSTO), OTH no SYN seen; `orig_h`/`orig_p` and `resp_h`/`resp_p` the initiator (sender of the first packet seen) and responder; `orig_bytes`/`orig_pkts` and `resp_bytes`/`resp_pkts` frame bytes and packets each way (Zeek's `orig_bytes` counts payload only: these are the `packets` table's `wire_length` summed); `device_mac` the home-side station (the initiator when its address is private, else the responder) and `device_name` its DHCP host name if it gave one before the flow ended; `server_name` the TLS server name the flow asked for, else the DNS name that answered with the far side's address; `end_reason` idle, active (the active timeout split it), closed, endofcapture or evicted. A flow longer than the active timeout is several rows.\n\n`devices` has one row per station of the home (the gateway left out), identified as the LAN observer can (`blinds identify`): `mac`; `vendor` from the IEEE and Wireshark OUI lists (\"randomised\" for a locally administered MAC); `addresses` its IP addresses and `host_names` its DHCP host names, space-separated; `names` up to 20 DNS, TLS and mDNS names it used; `label`, `kind` and `confidence` (0 to 1) the shipped signature it matches, null when none does; `bytes_up`/`bytes_down` frame bytes to and from the internet.\n");
        Table(Tables.Conn);
        Table(Tables.Devices);
        sb.Append("\n## flow_records (`blinds collect`)\n\n`blinds collect --listen ADDRESS:PORT --out FILE.parquet` writes one row per NetFlow v5/v9 or IPFIX flow record as received: one direction of one flow, `bytes` at the IP layer as exporters count them, `start`/`end` the first and last packet (from the exporter's clock), `format` one of netflow5, netflow9, ipfix; `src_mac`/`dst_mac` only when the exporter sends them.\n");
        Table(FlowRecordTables.FlowRecords);
        Golden.CheckFile("docs/export.md", sb.ToString());
    }
}
