using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

using Blinds.Flows;
using Blinds.Reports;
using Blinds.Reports.Export;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds collect: a NetFlow v5/v9 and IPFIX collector on one UDP endpoint, writing the flows to Parquet.</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "ADDRESS:PORT to receive export datagrams on, e.g. 127.0.0.1:2055 or 0.0.0.0:4739", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "New Parquet file for the flow records (table flow_records, docs/export.md)", Required = true };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 60s, 2h); else at SIGINT or SIGTERM" };
        var json = CommonOptions.Json();
        var command = new Command("collect", "Receive NetFlow v5/v9 and IPFIX from routers or probes (softflowd, nProbe, OpenWrt) and write the flow records to Parquet")
        {
            listen, output, duration, json,
        };
        command.SetAction(r => Run(r.GetValue(listen)!, r.GetValue(output)!, r.GetValue(duration), r.GetValue(json)));
        return command;
    }

    private static int Run(string listenText, string output, string? durationText, bool json)
    {
        if (!IPEndPoint.TryParse(listenText, out var endpoint) || endpoint.Port == 0)
        {
            throw new CliException(ExitCodes.Usage, $"--listen: '{listenText}' is not ADDRESS:PORT (e.g. 127.0.0.1:2055)");
        }

        TimeSpan? limit = null;
        if (durationText is not null)
        {
            limit = DurationOption.Parse(durationText, "--duration", "60s, 2h");
        }

        if (File.Exists(output))
        {
            throw new CliException(ExitCodes.OutputError, $"{output}: already exists; Blinds never overwrites");
        }

        FlowCollector collector;
        try
        {
            collector = FlowCollection.Listen(endpoint);
        }
        catch (SocketException e)
        {
            throw new CliException(ExitCodes.Usage, $"--listen: cannot receive on {endpoint}: {e.Message}");
        }

        using (collector)
        {
            using var stop = new CancellationTokenSource();
            if (limit is { } l)
            {
                stop.CancelAfter(l);
            }

            // SIGINT and SIGTERM end the run cleanly: the Parquet footer must be written.
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            if (!json)
            {
                Console.Error.WriteLine($"blinds: collecting on {collector.LocalEndpoint}{(limit is { } t ? $" for {t}" : string.Empty)}; Ctrl-C to stop");
            }

            var result = CliException.Guard(ExitCodes.OutputError, () => FlowCollection.Run(collector, output, stop.Token));
            if (json)
            {
                Json.WriteToStdout(result);
            }
            else
            {
                Terminal.Out.WriteLine($"wrote {output}: {Formatting.Count(result.Flows)} flows from {Formatting.Count(result.Datagrams)} datagrams");
                foreach (var (id, count) in result.Anomalies)
                {
                    Terminal.Out.WriteLine($"anomaly {id}: {Formatting.Count(count)} ({result.AnomalyDescriptions.GetValueOrDefault(id)})");
                }
            }
        }

        return ExitCodes.Ok;
    }
}
