using System.CommandLine;

using Blinds.Lab;
using Blinds.Reports;

namespace Blinds.Cli.Commands;

/// <summary>blinds lab: a synthetic smart home's capture with its ground truth, and its scenario files.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string?>("SCENARIO") { Description = "Scenario file (JSON, see docs/lab.md); instead of --preset", Arity = ArgumentArity.ZeroOrOne };
        var preset = Preset();
        var output = new Option<string>("--out", "-o") { Description = "New capture file (.pcapng or .pcap); NAME.events.csv and NAME.devices.csv are written beside it", Required = true };
        var seed = new Option<int?>("--seed") { Description = "Seed (default: the scenario's): the same seed gives byte-identical files" };
        var snap = new Option<int>("--snaplen") { Description = "Cut frames to this many bytes (0: whole frames)", DefaultValueFactory = _ => 0 };
        var side = new Option<string>("--side") { Description = "lan: the home network; wan: the uplink after the gateway's NAT (what the ISP captures, from the scenario's public address)", DefaultValueFactory = _ => "lan" };
        side.AcceptOnlyFromAmong("lan", "wan");
        var days = new Option<int>("--repeat") { Description = "Live the scenario this many times over (e.g. --preset home-24h --repeat 22: three weeks), activities moved by up to ±15 minutes each time", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var generate = new Command("generate", "Write a labelled capture of a simulated smart home") { scenario, preset, output, seed, snap, side, days, json };
        generate.SetAction(r =>
        {
            var times = r.GetValue(days);
            if (times is < 1 or > 366)
            {
                throw new CliException(ExitCodes.Usage, "--repeat: from 1 to 366");
            }

            return Generate(Resolve(r.GetValue(scenario), r.GetValue(preset)!, r.GetValue(seed)).Repeat(times), r.GetValue(output)!, r.GetValue(snap), r.GetValue(side) == "wan", r.GetValue(json));
        });

        var printPreset = Preset();
        // The scenario file is JSON either way; --json is accepted so that every command takes it.
        var printJson = new Option<bool>("--json") { Description = "Write JSON to stdout (the scenario file is JSON either way)" };
        var print = new Command("scenario", "Print a preset as a scenario file to edit") { printPreset, printJson };
        print.SetAction(r =>
        {
            Console.Out.WriteLine(ScenarioFile.Serialize(Presets.Get(r.GetValue(printPreset)!)!));
            return ExitCodes.Ok;
        });
        return new Command("lab", "The synthetic smart-home lab") { generate, print, LabReplayCommand.Create() };
    }

    internal static Scenario Resolve(string? file, string preset, int? seed)
    {
        Scenario scenario;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new CliException(ExitCodes.InputError, $"{file}: no such file");
            }

            scenario = CliException.GuardInput(() => ScenarioFile.Load(file));
        }
        else
        {
            scenario = Presets.Get(preset, seed ?? 1) ?? throw new CliException(ExitCodes.Usage, $"--preset: unknown preset '{preset}'");
        }

        return seed is { } s ? scenario with { Seed = s } : scenario;
    }

    internal static LabResult Write(Scenario scenario, string output, int snapLength, bool wanSide = false)
    {
        if (snapLength is < 0 or (> 0 and < 64))
        {
            throw new CliException(ExitCodes.Usage, "--snaplen: must be 0 or at least 64");
        }

        return CliException.Guard(ExitCodes.OutputError, () => LabOutput.Write(scenario, output, snapLength, wanSide));
    }

    private static Option<string> Preset()
    {
        var preset = new Option<string>("--preset") { Description = "Built-in scenario: " + string.Join(", ", Presets.Names), DefaultValueFactory = _ => "home-24h" };
        preset.AcceptOnlyFromAmong([.. Presets.Names]);
        return preset;
    }

    private static int Generate(Scenario scenario, string output, int snapLength, bool wanSide, bool json)
    {
        var result = Write(scenario, output, snapLength, wanSide);
        Console.Out.WriteLine(json
            ? Json.Serialize(result)
            : $"wrote {result.CapturePath} ({Formatting.Count(result.Packets)} packets), {result.EventsPath} ({result.Events} activities), {result.DevicesPath}");
        return ExitCodes.Ok;
    }
}
