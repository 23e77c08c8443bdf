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
        return new Command("lab", "The synthetic smart-home lab") { generate, print, ReplayCommand() };
    }

    private static Command ReplayCommand()
    {
        var capture = new Argument<string>("CAPTURE") { Description = "The capture whose timing and sizes to replay" };
        var to = new Option<string>("--to") { Description = "Where to send, ADDRESS:PORT (UDP)", Required = true };
        var device = new Option<string?>("--device") { Description = "Only this MAC's packets (default: every home device's)" };
        var direction = new Option<string>("--direction") { Description = "up (what devices send), down, or both", DefaultValueFactory = _ => "up" };
        var from = new Option<string>("--from") { Description = "Start this far into the capture", DefaultValueFactory = _ => "0s" };
        var duration = new Option<string?>("--duration") { Description = "Replay this long (default: to the end)" };
        var speed = new Option<double>("--speed") { Description = "Time runs this many times faster", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var replay = new Command("replay", "Send UDP datagrams with a capture's timing and sizes (to test a shaper with real bursts; only to an address you own)")
        {
            capture, to, device, direction, from, duration, speed, json,
        };
        replay.SetAction(r => Replay(r.GetValue(capture)!, r.GetValue(to)!, r.GetValue(device), r.GetValue(direction)!, r.GetValue(from)!, r.GetValue(duration), r.GetValue(speed), r.GetValue(json)));
        return replay;
    }

    private static int Replay(string path, string to, string? deviceText, string direction, string fromText, string? durationText, double speed, bool json)
    {
        var colon = to.LastIndexOf(':');
        if (colon <= 0 || !System.Net.IPAddress.TryParse(to[..colon], out var address) || !int.TryParse(to[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new CliException(ExitCodes.Usage, $"--to: '{to}' is not ADDRESS:PORT");
        }

        Protocols.Addressing.MacAddress? only = null;
        if (deviceText is not null)
        {
            only = Protocols.Addressing.MacAddress.TryParse(deviceText, out var m) ? m : throw new CliException(ExitCodes.Usage, $"--device: '{deviceText}' is not a MAC address");
        }

        if (direction is not ("up" or "down" or "both"))
        {
            throw new CliException(ExitCodes.Usage, $"--direction: '{direction}' is not up, down or both");
        }

        if (!Formatting.TryParseDuration(fromText, out var from) && fromText != "0s")
        {
            throw new CliException(ExitCodes.Usage, $"--from: '{fromText}' is not a duration");
        }

        TimeSpan? length = null;
        if (durationText is not null)
        {
            length = Formatting.TryParseDuration(durationText, out var d) ? d : throw new CliException(ExitCodes.Usage, $"--duration: '{durationText}' is not a duration");
        }

        if (speed is <= 0 or > 1000)
        {
            throw new CliException(ExitCodes.Usage, "--speed: above 0, at most 1000");
        }

        var sink = new ReplaySink(only, direction);
        var (trace, code) = TraceLoader.Load([path], null, sink);
        var start = (trace.FirstNs ?? 0) + (long)from.TotalNanoseconds;
        var end = length is { } l ? start + (long)l.TotalNanoseconds : long.MaxValue;
        var packets = sink.Packets.Where(p => p.TimeNs >= start && p.TimeNs < end).Select(p => new ReplayPacket(p.TimeNs - start, p.Bytes)).ToArray();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        // The wall clock at the replay's time zero (the capture's first packet plus --from), so that a measurement can put the capture's labels on its own clock.
        var zero = DateTimeOffset.UtcNow;
        var sent = Lab.Replay.Send(packets, new System.Net.IPEndPoint(address, port), speed, cancel.Token);
        var bytes = packets.Sum(p => (long)p.WireBytes);
        if (json)
        {
            Json.WriteToStdout(new ReplayResult(to, sent, packets.Length, bytes, zero.ToUnixTimeMilliseconds() / 1e3));
        }
        else
        {
            Console.Out.WriteLine($"sent {Formatting.Count(sent)} of {Formatting.Count(packets.Length)} packets ({Formatting.Bytes(bytes)}) to {to}; time zero at {zero.ToUnixTimeMilliseconds() / 1e3:0.000} (unix seconds)");
        }

        return code;
    }

    private sealed class ReplaySink(Protocols.Addressing.MacAddress? only, string direction) : Traffic.Records.PacketSink
    {
        public List<(long TimeNs, int Bytes)> Packets { get; } = [];

        public override void OnPacket(in Traffic.Records.PacketRow row)
        {
            var wanted = row.Direction switch
            {
                Traffic.Direction.Up => direction is "up" or "both",
                Traffic.Direction.Down => direction is "down" or "both",
                _ => false,
            };
            if (wanted && (only is null || row.Device == only))
            {
                Packets.Add((row.TimeNs, row.WireLength));
            }
        }






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
