using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Reports;
using Blinds.Reports.Summary;

namespace Blinds.Cli.Commands;

/// <summary>blinds demo: the built-in example: simulate a day in a smart home, summarise what its traffic reveals, and audit it.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out", "-o") { Description = "New directory for the demo's files (default: blinds-demo, or blinds-demo-2, -3... if taken)" };
        var json = CommonOptions.Json();
        var command = new Command("demo", "Generate the lab's home-24h capture, summarise it and audit it (report.html)") { output, json };
        command.SetAction(r => Run(r.GetValue(output)!, r.GetValue(json)));
        return command;
    }

    private static int Run(string? requested, bool json)
    {
        // Running the demo again must work and must not touch the last run's files: take the next free name.
        var dir = requested ?? Enumerable.Range(1, 1000).Select(i => i == 1 ? "blinds-demo" : $"blinds-demo-{i}").First(d => !File.Exists(d) && !Directory.Exists(d));
        if (File.Exists(dir) || (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any()))
        {
            throw new CliException(ExitCodes.OutputError, $"{dir}: already exists and is not empty; give another --out");
        }

        Directory.CreateDirectory(dir);
        var capture = Path.Combine(dir, "home.pcapng");
        var lab = LabCommand.Write(LabCommand.Resolve(null, "home-24h", null), capture, 0);
        var (trace, code) = TraceLoader.Load([capture]);
        var model = SummaryBuilder.Build(trace, OuiDatabase.For(trace.Devices.Select(d => d.Mac)));
        if (json)
        {
            Json.WriteToStdout(model);
        }
        else
        {
            SummaryText.Render(model, Terminal.Out);
            Console.Out.WriteLine();
            Console.Out.WriteLine($"demo files: {lab.CapturePath}, {lab.EventsPath}, {lab.DevicesPath}");
        }

        // The audit writes "wrote .../report.html ..." on stdout; with --json, stdout stays one JSON document.
        var report = Path.Combine(dir, "report");
        var stdout = Console.Out;
        if (json)
        {
            Console.SetOut(TextWriter.Null);
        }

        try
        {
            code = Math.Max(code, AuditCommand.Run([capture], lab.DevicesPath, lab.EventsPath, report, null, new Blinds.Reports.Audit.AuditSettings()));
        }
        finally
        {
            Console.SetOut(stdout);
        }

        if (!json)
        {
            Console.Out.WriteLine($"open {Path.Combine(report, "report.html")} in a browser: what each observer learns, and what stopping it costs");
        }

        return code;
    }
}
