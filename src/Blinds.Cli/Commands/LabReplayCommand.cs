using System.CommandLine;
using System.Globalization;
using System.Net;

using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Replay;

namespace Blinds.Cli.Commands;

/// <summary>blinds lab replay: a capture's timing and sizes sent as UDP datagrams, to test a shaper with real bursts.</summary>
internal static class LabReplayCommand
{
    public static Command Create()
    {
        var capture = new Argument<string>("CAPTURE") { Description = "The capture whose timing and sizes to replay" };
        var to = new Option<string>("--to") { Description = "Where to send, ADDRESS:PORT (UDP)", Required = true };
        var device = new Option<string?>("--device") { Description = "Only this MAC's packets (default: every home device's)" };
        var direction = new Option<string>("--direction") { Description = "up (what devices send), down, or both", DefaultValueFactory = _ => "up" };
        direction.AcceptOnlyFromAmong("up", "down", "both");
        var from = new Option<string>("--from") { Description = "Start this far into the capture", DefaultValueFactory = _ => "0s" };
        var duration = new Option<string?>("--duration") { Description = "Replay this long (default: to the end)" };
        var speed = new Option<double>("--speed") { Description = "Time runs this many times faster", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var replay = new Command("replay", "Send UDP datagrams with a capture's timing and sizes (to test a shaper with real bursts; only to an address you own)")
        {
            capture, to, device, direction, from, duration, speed, json,
        };
        replay.SetAction(r => Run(r.GetValue(capture)!, r.GetValue(to)!, r.GetValue(device), Enum.Parse<ReplayDirection>(r.GetValue(direction)!, ignoreCase: true), r.GetValue(from)!, r.GetValue(duration), r.GetValue(speed), r.GetValue(json)));
        return replay;
    }

    private static int Run(string path, string toText, string? deviceText, ReplayDirection direction, string fromText, string? durationText, double speed, bool json)
    {
        var colon = toText.LastIndexOf(':');
        if (colon <= 0 || !IPAddress.TryParse(toText[..colon], out var address) || !int.TryParse(toText[(colon + 1)..], CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new CliException(ExitCodes.Usage, $"--to: '{toText}' is not ADDRESS:PORT");
        }

        MacAddress? only = deviceText is null ? null
            : MacAddress.TryParse(deviceText, out var m) ? m : throw new CliException(ExitCodes.Usage, $"--device: '{deviceText}' is not a MAC address");

        // The start may be the capture's own (0s); every other duration is the one grammar's, 1 ms to 30 days.
        var from = fromText.Trim() is "0s" or "0" ? TimeSpan.Zero : DurationOption.Parse(fromText, "--from", "6m");
        TimeSpan? length = durationText is null ? null : DurationOption.Parse(durationText, "--duration", "8m");
        if (speed is <= 0 or > 1000)
        {
            throw new CliException(ExitCodes.Usage, "--speed: above 0, at most 1000");
        }

        var selection = new ReplaySelection(only, direction);
        var (trace, code) = TraceLoader.Load([path], null, selection);
        var packets = selection.Window(trace.FirstNs ?? 0, from, length);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var zero = DateTimeOffset.UtcNow;
        var sent = Lab.Replay.Send(packets, new IPEndPoint(address, port), speed, cancel.Token);
        var result = new ReplayResult(toText, sent, packets.Length, packets.Sum(p => (long)p.WireBytes), zero.ToUnixTimeMilliseconds() / 1e3);
        Console.Out.WriteLine(json
            ? Json.Serialize(result)
            : string.Create(CultureInfo.InvariantCulture, $"sent {Formatting.Count(result.PacketsSent)} of {Formatting.Count(result.Packets)} packets ({Formatting.Bytes(result.Bytes)}) to {toText}; time zero at {result.TimeZeroUnixSeconds:0.000} (unix seconds)"));
        return code;
    }
}
