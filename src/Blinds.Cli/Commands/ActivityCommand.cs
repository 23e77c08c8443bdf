using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Traffic;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds activity: bursts in each device's internet traffic, and, given labels, how many were real.</summary>
internal static class ActivityCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var events = new Option<string?>("--events") { Description = "Labelled activities (time,device,activity) to score against; needs --devices" };
        var devices = new Option<string?>("--devices") { Description = "Devices file (mac,name[,type]) naming the stations" };
        var tolerance = new Option<string>("--tolerance") { Description = "How far a detection may be from a labelled activity", DefaultValueFactory = _ => "10s" };
        var json = CommonOptions.Json();
        var command = new Command("activity", "Infer user activities from rate changes in each device's traffic (paper 002 §5.2)")
        {
            captures, events, devices, tolerance, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(events), r.GetValue(devices), r.GetValue(tolerance)!, r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, string? eventsPath, string? devicesPath, string toleranceText, bool json)
    {
        if (!Formatting.TryParseDuration(toleranceText, out var tolerance))
        {
            throw new CliException(ExitCodes.Usage, $"--tolerance: '{toleranceText}' is not a positive duration");
        }

        if (eventsPath is not null && devicesPath is null)
        {
            throw new CliException(ExitCodes.Usage, "--events needs --devices to know which station is which device");
        }

        var names = devicesPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.Read(devicesPath));
        var labelled = eventsPath is null ? null : CliException.GuardInput(() => EventLabels.Read(eventsPath));
        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1) });
        var detected = trace.HomeDevices.Where(d => d.Rates is not null)
            .SelectMany(d => EventDetector.Detect(d.Mac, d.Rates!))
            .OrderBy(e => e.StartNs).ToArray();
        string Name(MacAddress mac) => names.TryGetValue(mac, out var n) ? n : mac.ToString();

        IReadOnlyList<(string Device, EventScore Score)>? scores = null;
        if (labelled is not null)
        {
            var duration = (trace.LastNs ?? 0) - (trace.FirstNs ?? 0);
            var tol = (long)tolerance.TotalNanoseconds;
            scores = names.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(device => (device, EventScore.Score(
                    labelled.Where(e => e.Device == device && e.Activity != "live_view_stop").Select(e => e.TimeNs).ToArray(),
                    detected.Where(e => Name(e.Device) == device).Select(e => e.StartNs).ToArray(),
                    tol,
                    duration)))
                .Where(s => s.Item2.Truth + s.Item2.Detected > 0)
                .ToArray();
        }

        var total = scores is null ? null : new EventScore(scores.Sum(s => s.Score.Truth), scores.Sum(s => s.Score.Detected), scores.Sum(s => s.Score.Matched), scores.Sum(s => s.Score.ChanceRecall * s.Score.Truth) / Math.Max(1, scores.Sum(s => s.Score.Truth)));
        if (json)
        {
            Json.WriteToStdout(new
            {
                events = detected.Select(e => new { start = Formatting.Time(e.StartNs), end = Formatting.Time(e.EndNs), device = Name(e.Device), mac = e.Device.ToString(), e.Bytes, e.Confidence }),
                scores = scores?.Select(s => new { s.Device, s.Score.Truth, s.Score.Detected, s.Score.Matched, s.Score.Precision, s.Score.Recall, s.Score.F1, s.Score.ChanceRecall }),
                home = total is null ? null : new { total.Truth, total.Detected, total.Matched, total.Precision, total.Recall, total.F1, total.ChanceRecall },
                tolerance_seconds = tolerance.TotalSeconds,
            });
            return code;
        }

        var table = new Table().Border(TableBorder.Simple).Title($"{detected.Length} bursts of activity");
        table.AddColumn("start").AddColumn("device").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned()).AddColumn(new TableColumn("confidence").RightAligned());
        foreach (var e in detected)
        {
            table.AddRow(Formatting.Time(e.StartNs)[..19], Name(e.Device), ((e.EndNs - e.StartNs) / 1e9).ToString("0", CultureInfo.InvariantCulture), Formatting.Bytes(e.Bytes), e.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        }

        Terminal.Out.Write(table);
        if (scores is not null)
        {
            var st = new Table().Border(TableBorder.Simple).Title($"Against the labels (within {tolerance.TotalSeconds:0.#} s)");
            st.AddColumn("device").AddColumn("labelled").AddColumn("detected").AddColumn("matched").AddColumn("precision").AddColumn("recall").AddColumn("F1").AddColumn("chance recall");
            foreach (var (device, s) in scores.Append(("home", total!)))
            {
                st.AddRow(device, s.Truth.ToString(CultureInfo.InvariantCulture), s.Detected.ToString(CultureInfo.InvariantCulture), s.Matched.ToString(CultureInfo.InvariantCulture), s.Precision.ToString("0.00", CultureInfo.InvariantCulture), s.Recall.ToString("0.00", CultureInfo.InvariantCulture), s.F1.ToString("0.00", CultureInfo.InvariantCulture), s.ChanceRecall.ToString("0.000", CultureInfo.InvariantCulture));
            }

            Terminal.Out.Write(st);
        }

        return code;
    }
}
