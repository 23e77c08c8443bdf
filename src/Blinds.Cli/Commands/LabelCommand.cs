using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Reports.Labels;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds label: the stations seen, with vendor and names, as a devices.csv to fill in.</summary>
internal static class LabelCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var output = new Option<string>("--out", "-o") { Description = "New devices.csv to write (never replaces a file)", Required = true };
        var command = new Command("label", "List the stations a capture shows (MAC, vendor, DHCP and DNS/TLS/mDNS names, bytes) into a devices.csv to fill in (docs/capture.md)")
        {
            captures, output,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(output)!));
        return command;
    }

    private static int Run(string[] paths, string output)
    {
        if (File.Exists(output))
        {
            throw new CliException(ExitCodes.OutputError, $"{output}: already exists; Blinds never overwrites (fill in that one, or give another --out)");
        }

        var (trace, code) = TraceLoader.Load(paths);
        var rows = StationList.Build(trace, OuiDatabase.For(trace.Devices.Select(d => d.Mac)));
        try
        {
            using var stream = CaptureWriter.CreateNew(output);
            StationList.Write(rows, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.OutputError, $"{output}: {e.Message}");
        }

        Terminal.Out.WriteLine($"wrote {output}: {rows.Count} stations; give each a name (one name for several MACs of one device) and a type, then use it as --labels / --devices");
        return code;
    }
}
