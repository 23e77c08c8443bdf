using System.CommandLine;

using Blinds.Capture;
using Blinds.Flows;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Flows;

namespace Blinds.Cli.Commands;

/// <summary>blinds flows: what flow records (NetFlow v5/v9, IPFIX, Zeek logs) hold, as streams an ISP follows.</summary>
internal static class FlowsCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("FLOWS")
        {
            Description = "Captures of NetFlow v5/v9 or IPFIX export datagrams (UDP 2055, 4739, 9995, 9996), or Zeek conn/dns/ssl logs (TSV or JSON lines); plain or compressed; read from the content",
            Arity = ArgumentArity.OneOrMore,
        };
        var top = new Option<int>("--top") { Description = "Streams to list", DefaultValueFactory = _ => 20 };
        var home = CommonOptions.HomeAddresses();
        var json = CommonOptions.Json();
        var command = new Command("flows", "What flow records tell: per format counts, the streams between home and remote addresses with bytes each way and names, anomalies")
        {
            inputs, top, home, json,
        };
        command.SetAction(r => Run(r.GetValue(inputs)!, r.GetValue(top), CommonOptions.ParseHomeAddresses(r.GetValue(home)), r.GetValue(json)));
        return command;
    }

    /// <summary>Reads flow inputs, turning unreadable ones into one-line errors (exit 2).</summary>
    public static FlowLog Load(IReadOnlyList<string> paths)
    {
        foreach (var p in paths)
        {
            if (!File.Exists(p))
            {
                throw new CliException(ExitCodes.InputError, Directory.Exists(p) ? $"{p}: is a directory, not a flow file" : $"{p}: no such file");
            }
        }

        FlowLog log;
        try
        {
            log = FlowReader.ReadFiles(paths);
        }
        catch (CaptureFormatException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or InvalidDataException)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }

        if (FlowReplay.StrayLine(log) is { } stray)
        {
            Terminal.Warning(stray);
        }

        return log;
    }

    private static int Run(string[] paths, int top, IReadOnlySet<IpAddress>? home, bool json)
    {
        if (top < 0)
        {
            throw new CliException(ExitCodes.Usage, $"--top: {top} is negative");
        }

        var log = Load(paths);
        var code = ExitCodes.Ok;
        foreach (var stop in log.StopErrors)
        {
            Terminal.Error(stop);
            code = ExitCodes.InputDamaged;
        }

        var model = FlowsBuilder.Build(log, home, top);
        if (json)
        {
            Json.WriteToStdout(model);
        }
        else
        {
            FlowsText.Render(model, Terminal.Out);
        }

        return code;
    }
}
