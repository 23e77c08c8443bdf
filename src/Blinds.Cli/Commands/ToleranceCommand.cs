using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Defences.Costs;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Traffic;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds tolerance: the lowest shaped rate each device (and the whole home) works with (paper 002 Fig. 9), found by search.</summary>
internal static class ToleranceCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var labels = new Option<string?>("--labels") { Description = "Devices file (mac,name[,type]); its type column gives each device's kind" };
        var latency = new Option<string?>("--latency") { Description = "How much delay each kind of device works with (JSON; default: paper 002 Fig. 9)" };
        var size = new Option<int>("--size") { Description = "Slot size in bytes", DefaultValueFactory = _ => 512 };
        var home = CommonOptions.HomeAddresses();
        var json = CommonOptions.Json();
        var command = new Command("tolerance", "The lowest constant shaped rate at which each device, and the whole home, keeps its delays within what it works with (paper 002 Fig. 9), and what that costs")
        {
            captures, labels, latency, size, home, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(labels), r.GetValue(latency), r.GetValue(size), CommonOptions.ParseHomeAddresses(r.GetValue(home)), r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, string? labelsPath, string? latencyPath, int size, IReadOnlySet<IpAddress>? home, bool json)
    {
        if (size is < 64 or > 65_535)
        {
            throw new CliException(ExitCodes.Usage, "--size: 64 to 65535 bytes");
        }

        var labels = labelsPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.Read(labelsPath));
        var types = labelsPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.ReadTypes(labelsPath));
        var tolerances = latencyPath is null ? LatencyTolerance.Papers() : CliException.GuardInput(() => LatencyTolerance.Load(latencyPath));
        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { HomeAddresses = home });
        var kinds = DeviceKinds.Of(trace, types);

        IReadOnlyList<RateNeed> needs;
        try
        {
            needs = RateSearch.Run(paths, trace, kinds, tolerances, size, homeAddresses: home);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }

        string Name(RateNeed n) => n.Mac is not { } m ? "whole home" : labels.GetValueOrDefault(m) ?? m.ToString();
        var perDevice = needs.Where(n => n.Mac is not null).ToArray();
        var sum = (Up: perDevice.Sum(n => n.Up ?? 0), Down: perDevice.Sum(n => n.Down ?? 0));
        var recommended = Recommend(needs[^1], size);
        if (json)
        {
            Json.WriteToStdout(new
            {
                slot_bytes = size,
                tolerances = tolerances.Source,
                devices = needs.Select(n => new
                {
                    device = Name(n),
                    mac = n.Mac?.ToString(),
                    kind = n.Kind,
                    tolerance = n.Tolerance is { } tol ? new { mean_seconds = tol.MeanSeconds, max_seconds = tol.MaxSeconds } : null,
                    up_bytes_per_second = n.Up,
                    down_bytes_per_second = n.Down,
                    up_delay_mean = n.UpMean,
                    up_delay_max = n.UpMax,
                    real_up_bytes_per_second = n.RealUp,
                    real_down_bytes_per_second = n.RealDown,
                    cover_gb_per_month = Cover(n),
                }),
                sum_of_devices = new { up_bytes_per_second = sum.Up, down_bytes_per_second = sum.Down },
                recommended_defence = recommended?.ToString(),
            });
            return code;
        }

        var t = new Table().Border(TableBorder.Simple).Title($"Lowest constant rate each device works with ({size}-byte slots; tolerances: {Markup.Escape(tolerances.Source)})");
        t.AddColumn("device").AddColumn("kind").AddColumn(new TableColumn("tolerates mean / max").RightAligned()).AddColumn(new TableColumn("up").RightAligned()).AddColumn(new TableColumn("down").RightAligned())
            .AddColumn(new TableColumn("up delay mean / max").RightAligned()).AddColumn(new TableColumn("its own up / down").RightAligned()).AddColumn(new TableColumn("cover GB/month").RightAligned());
        foreach (var n in needs)
        {
            t.AddRow(
                new Text(Name(n)),
                new Text(n.Kind ?? (n.Mac is null ? string.Empty : "?")),
                new Text(n.Tolerance is { } tol ? string.Create(CultureInfo.InvariantCulture, $"{tol.MeanSeconds:0.0} / {tol.MaxSeconds:0.0} s") : "each its own"),
                new Text(n.Up is { } u ? Units.FormatRate(u) : "none works"),
                new Text(n.Down is { } d ? Units.FormatRate(d) : "none works"),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{n.UpMean:0.00} / {n.UpMax:0.00} s")),
                new Text($"{Units.FormatRate(n.RealUp)} / {Units.FormatRate(n.RealDown)}"),
                new Text(Cover(n).ToString("0.0", CultureInfo.InvariantCulture)));
        }

        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"Sum of the devices' rates: {Units.FormatRate(sum.Up)} up, {Units.FormatRate(sum.Down)} down; the whole home shaped together needs the rate in its row (paper 002: less than the sum).");
        Terminal.Out.MarkupLine(recommended is null
            ? "No rate the search tried keeps the whole home within its tolerances, so there is no padding to recommend."
            : $"For the whole home, each way at its own rate (rounded up): [bold]blinds simulate --defence \"{Markup.Escape(recommended.ToString())}\"[/]");
        return code;
    }

    // The whole home's rates as a plan a user can paste: tunnelled constant-rate padding, each direction at the rate
    // it needs, rounded up to two significant digits so the spec stays short and no device falls below its need.
    private static DefencePlan? Recommend(RateNeed home, int size)
    {
        if (home.Up is not { } up || home.Down is not { } down)
        {
            return null;
        }

        var (u, d) = (Units.RoundUp(up, 2), Units.RoundUp(down, 2));
        return Units.Rate.Contains(u) && Units.Rate.Contains(d)
            ? DefencePlan.None.WithTunnel().WithShaper(new ShaperOptions { UpBytesPerSecond = u, DownBytesPerSecond = d, PacketBytes = size })
            : null;
    }

    // Cover a month: the shaped rate each way less the device's own traffic.
    private static double Cover(RateNeed n) => (Math.Max(0, (n.Up ?? 0) - n.RealUp) + Math.Max(0, (n.Down ?? 0) - n.RealDown)) * 30 * 86_400 / 1e9;
}
