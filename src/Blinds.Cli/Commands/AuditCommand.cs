using System.CommandLine;

using Blinds.Attacks.Kinds;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Audit;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds audit: binds the options, runs <see cref="AuditBuilder"/>, writes report.html and report.json.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var devices = new Option<string?>("--devices") { Description = "Devices file (mac,name[,type]): names, kinds, and the attacks scored against it" };
        var events = new Option<string?>("--events") { Description = "True activities (time,device,activity; needs --devices)" };
        var output = new Option<string>("--out", "-o") { Description = "New (or empty) directory for report.html and report.json", Required = true };
        var home = CommonOptions.HomeAddresses();
        var settings = AuditOptions.Create();
        var json = CommonOptions.Json();
        var command = new Command("audit", "One report: what the home's traffic tells each observer, what people do, what leaks, and the cheapest defence within your budget")
        {
            captures, devices, events, output, home, json,
        };
        settings.AddTo(command);
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(devices), r.GetValue(events), r.GetValue(output)!, CommonOptions.ParseHomeAddresses(r.GetValue(home)), settings.Bind(r), r.GetValue(json)));
        return command;
    }

    internal static int Run(string[] paths, string? devicesPath, string? eventsPath, string dir, IReadOnlySet<IpAddress>? home, AuditSettings settings, bool json = false)
    {
        if (eventsPath is not null && devicesPath is null)
        {
            throw new CliException(ExitCodes.Usage, "--events needs --devices to know which station is which device");
        }

        if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
        {
            throw new CliException(ExitCodes.OutputError, $"{dir}: already exists and is not empty; Blinds does not overwrite files");
        }

        var devices = devicesPath is null ? null : CliException.GuardInput(() => DeviceLabels.Load(devicesPath));
        var labelled = eventsPath is null ? null : CliException.GuardInput(() => EventLabels.Read(eventsPath));
        // Flow records are audited at their resolution: replayed as the packets they stand for, the ISP's view only.
        (paths, var flows, var flowCode) = FlowInputs.ReplayIfFlows(paths, home);
        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true, HomeAddresses = home });
        code = Math.Max(code, flowCode);
        var report = AuditBuilder.Build(new AuditInput(paths, trace) { Labels = devices?.Names, Types = (devices ?? DeviceLabelSet.None).Kinds, Events = labelled, HomeAddresses = home, Settings = settings, FlowRecords = flows }, new TerminalProgress());

        Directory.CreateDirectory(dir);
        CliException.Guard(ExitCodes.OutputError, () =>
        {
            AuditReportFiles.Write(report, dir);
            return 0;
        });
        if (json)
        {
            // stdout stays one JSON document: the verdict and where the files are.
            Json.WriteToStdout(new AuditStdout(Path.Combine(dir, "report.html"), Path.Combine(dir, "report.json"), report.Model.Verdict));
        }
        else
        {
            Console.Out.WriteLine(report.Model.Verdict?.Summary);
            Console.Out.WriteLine($"wrote {Path.Combine(dir, "report.html")} and {Path.Combine(dir, "report.json")}");
        }

        return code;
    }

    /// <summary>What `audit --json` prints.</summary>
    /// <param name="Html">report.html.</param>
    /// <param name="Json">report.json.</param>
    /// <param name="Verdict">The verdict.</param>
    internal sealed record AuditStdout(string Html, string Json, AuditVerdict? Verdict);

    private sealed class TerminalProgress : IAuditProgress
    {
        public void Step(string step) => Terminal.Progress(step);

        public T Pass<T>(string step, IReadOnlyList<string> paths, Func<Action<string, long, long>?, T> read) => TraceLoader.Pass(step, paths, read);
    }
}
