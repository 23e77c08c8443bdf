using System.CommandLine;

using Blinds.Reports;
using Blinds.Reports.Export;

namespace Blinds.Cli.Commands;

/// <summary>blinds export: packets, flows, dns, dhcp, tls, http, ssdp, conn and devices tables for users' own SQL.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var to = new Option<string>("--to") { Description = "parquet, csv or duckdb", Required = true };
        to.AcceptOnlyFromAmong("parquet", "csv", "duckdb");
        var output = new Option<string>("--out", "-o") { Description = "New directory (csv, parquet) or new database file (duckdb); never replaced", Required = true };
        var secrets = new Option<bool>("--show-secrets") { Description = "Keep credentials found in plain-HTTP requests (redacted by default)" };
        var rawCsv = new Option<bool>("--raw-csv") { Description = "Write CSV text cells as they are (by default a cell starting with =, +, -, @, tab or CR gets a ' so that spreadsheets do not run it)" };
        var json = CommonOptions.Json();
        var command = new Command("export", "Write the trace's tables (packets, flows, dns, dhcp, tls, http, ssdp, conn, devices) as Parquet, CSV or a DuckDB database")
        {
            captures, to, output, secrets, rawCsv, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(to)!, r.GetValue(output)!, r.GetValue(secrets), r.GetValue(rawCsv), r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, string to, string output, bool showSecrets, bool rawCsv, bool json)
    {
        var format = to switch { "csv" => ExportFormat.Csv, "duckdb" => ExportFormat.DuckDb, _ => ExportFormat.Parquet };
        if (paths.Any(p => Path.GetFullPath(p) == Path.GetFullPath(output)))
        {
            throw new CliException(ExitCodes.OutputError, $"{output}: is also an input; Blinds never writes over an input");
        }

        var sink = CliException.Guard(ExitCodes.OutputError, () => ExportSink.Create(format, output, showSecrets, rawCsv));
        int code;
        try
        {
            Traffic.Trace trace;
            (trace, code) = TraceLoader.Load(paths, null, sink);
            sink.WriteDevices(trace);
        }
        catch (CliException)
        {
            sink.Abandon();
            throw;
        }

        sink.Dispose();

        var counts = sink.RowCounts;
        if (json)
        {
            Console.Out.WriteLine(Json.Serialize(new { output, format = to, tables = counts }));
        }
        else
        {
            Console.Out.WriteLine($"wrote {output} ({to}): " + string.Join(", ", counts.Select(kv => $"{kv.Key} {Formatting.Count(kv.Value)}")));
        }

        return code;
    }
}
