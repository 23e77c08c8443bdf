using System.CommandLine;

using Blinds.Lab;
using Blinds.Reports;

namespace Blinds.Cli.Commands;

/// <summary>blinds lab generate: a synthetic smart home's capture with its ground truth.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Built-in scenario: " + string.Join(", ", Presets.Names), DefaultValueFactory = _ => "home-24h" };
        preset.AcceptOnlyFromAmong([.. Presets.Names]);
        var output = new Option<string>("--out", "-o") { Description = "New capture file (.pcapng or .pcap); NAME.events.csv and NAME.devices.csv are written beside it", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives byte-identical files", DefaultValueFactory = _ => 1 };
        var snap = new Option<int>("--snaplen") { Description = "Cut frames to this many bytes (0: whole frames)", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var generate = new Command("generate", "Write a labelled capture of a simulated smart home") { preset, output, seed, snap, json };
        generate.SetAction(r => Generate(r.GetValue(preset)!, r.GetValue(output)!, r.GetValue(seed), r.GetValue(snap), r.GetValue(json)));
        return new Command("lab", "The synthetic smart-home lab") { generate };
    }

    internal static LabResult Write(string preset, string output, int seed, int snapLength)
    {
        var scenario = Presets.Get(preset, seed) ?? throw new CliException(ExitCodes.Usage, $"--preset: unknown preset '{preset}'");
        if (snapLength is < 0 or (> 0 and < 64))
        {
            throw new CliException(ExitCodes.Usage, "--snaplen: must be 0 or at least 64");
        }

        return CliException.Guard(ExitCodes.OutputError, () => LabOutput.Write(scenario, output, snapLength));
    }

    private static int Generate(string preset, string output, int seed, int snapLength, bool json)
    {
        var result = Write(preset, output, seed, snapLength);
        Console.Out.WriteLine(json
            ? Json.Serialize(result)
            : $"wrote {result.CapturePath} ({Formatting.Count(result.Packets)} packets), {result.EventsPath} ({result.Events} activities), {result.DevicesPath}");
        return ExitCodes.Ok;
    }
}
