using System.CommandLine;
using System.Globalization;

using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Reports;

using CsvHelper;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds simulate: one defence on a capture, its cost, and what the ISP's attacks still get.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var inputs = new DefenceInputs();
        var defence = new Option<string>("--defence", "-d") { Description = "The defence, e.g. \"tunnel+constant:rate=10KB/s\" (see docs/defences.md)", Required = true };
        var observer = CommonOptions.Observer();
        observer.DefaultValueFactory = _ => Attacks.Observers.ObserverKind.Isp;
        var format = new Option<string>("--format") { Description = "table, json or csv (one row per device and one for the home)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var json = CommonOptions.Json();
        var command = inputs.Command("simulate", "Try a defence on a capture: what it costs (bytes, data cap, money, delay) and how much the ISP's attacks still learn, beside chance", defence, observer, format, json);
        command.SetAction(r =>
        {
            if (r.GetValue(observer) != Attacks.Observers.ObserverKind.Isp)
            {
                throw new CliException(ExitCodes.Usage, "--observer: defences act at the gateway and beyond; only the ISP's view changes (the LAN and Wi-Fi see the home's own traffic, less what is blocked)");
            }

            var plan = DefenceInputs.ParsePlan(r.GetValue(defence)!);
            var (input, code) = inputs.Load(r);
            var result = DefenceExperiment.Run(input, plan, DefenceExperiment.Baseline(input));
            var fmt = r.GetValue(json) ? "json" : r.GetValue(format)!;
            Write(result, input, fmt);
            return code;
        });
        return command;
    }

    internal static object ToJson(ExperimentResult r, ExperimentInput input) => new
    {
        defence = r.Plan.ToString(),
        shaper = Shaper(r.Plan),
        observer = "isp",
        notes = r.Simulation.View.Notes,
        privacy = new { undefended = Privacy(r.Before), defended = Privacy(r.After), effective = r.After.AtChance(input.Privacy.Margin), margin = input.Privacy.Margin },
        broken = r.Broken.Select(m => new { mac = m.ToString(), name = input.Labels?.GetValueOrDefault(m), kind = input.Kinds.GetValueOrDefault(m), tolerance = input.Tolerances.For(input.Kinds.GetValueOrDefault(m)) }),
        usable = r.Usable(input.Privacy.Margin),
        cost = new
        {
            seconds = r.Cost.Seconds,
            real_bytes = r.Cost.RealBytes,
            observed_bytes = r.Cost.ObservedBytes,
            blocked_bytes = r.Cost.BlockedBytes,
            dropped_bytes = r.Cost.DroppedBytes,
            tunnel_bytes = r.Cost.TunnelBytes,
            padding_bytes = r.Cost.PaddingBytes,
            cover_bytes = r.Cost.CoverBytes,
            injected_bytes = r.Cost.InjectedBytes,
            overhead_bytes = r.Cost.OverheadBytes,
            overhead_kb_per_s = r.Cost.OverheadBytesPerSecond / 1e3,
            overhead_up_kb_per_s = r.Cost.OverheadUpBytesPerSecond / 1e3,
            overhead_down_kb_per_s = r.Cost.OverheadDownBytesPerSecond / 1e3,
            overhead_gb_per_month = r.Cost.OverheadGbPerMonth,
            monthly_gb = r.Cost.MonthlyGb,
            cap_share = r.Cost.CapShare,
            money_over_cap = r.Cost.MoneyOverCap,
            upload_share = r.Cost.UploadShare,
            delay = new { mean = r.Cost.DelayMean, p95 = r.Cost.DelayP95, max = r.Cost.DelayMax },
            max_queue_bytes = r.Cost.MaxQueueBytes,
            max_queue_packets = r.Cost.MaxQueuePackets,
            drops = r.Cost.Drops,
            devices = r.Cost.Devices.Select(d => new
            {
                mac = d.Mac.ToString(),
                name = input.Labels?.GetValueOrDefault(d.Mac),
                real_bytes = d.RealBytes,
                blocked_bytes = d.BlockedBytes,
                tunnel_bytes = d.TunnelBytes,
                padding_bytes = d.PaddingBytes,
                injected_bytes = d.InjectedBytes,
                overhead_kb_per_s = d.OverheadBytesPerSecond / 1e3,
                overhead_up_kb_per_s = d.OverheadUpBytesPerSecond / 1e3,
                overhead_down_kb_per_s = d.OverheadDownBytesPerSecond / 1e3,
                delay = new { mean = d.DelayMean, p95 = d.DelayP95, max = d.DelayMax },
                drops = d.Drops,
            }),
        },
        injected_periods = r.Simulation.InjectedPeriods,
        blocked = r.Lost.Select(l => new { mac = l.Mac.ToString(), name = input.Labels?.GetValueOrDefault(l.Mac), l.Kind, blocked_share = l.BlockedShare, l.Functionality, l.Description }),
        function_table = input.Functions.Source,
    };

    /// <summary>The shaper's rates each way, for JSON (null when the plan does not shape).</summary>
    internal static object? Shaper(DefencePlan plan) => plan.Shaper is not { } s ? null : new
    {
        mode = s.Vit ? "vit" : "constant",
        up_bytes_per_second = s.UpBytesPerSecond,
        down_bytes_per_second = s.DownBytesPerSecond,
        slot_bytes = s.PacketBytes,
        spread = s.Spread,
    };

    private static object Privacy(PrivacyScore p) => new
    {
        identification = new { accuracy = p.Accuracy, ci95 = new[] { p.AccuracyLow, p.AccuracyHigh }, chance = p.AccuracyChance, windows = p.Windows },
        names = new { accuracy = p.NameAccuracy, chance = p.NameChance, streams = p.Streams },
        activities = new { p.Truth, p.Detected, p.Matched, p.Precision, p.Recall, p.F1, chance_recall = p.ChanceRecall, chance_f1 = p.ChanceF1 },
    };

    private static void Write(ExperimentResult r, ExperimentInput input, string format)
    {
        if (format == "json")
        {
            Json.WriteToStdout(ToJson(r, input));
            return;
        }

        if (format == "csv")
        {
            using var csv = CsvWriter.Create(Console.OpenStandardOutput(), null, false);
            foreach (var h in new[] { "device", "name", "real_bytes", "blocked_bytes", "tunnel_bytes", "padding_bytes", "cover_bytes", "injected_bytes", "overhead_kb_per_s", "delay_mean_s", "delay_p95_s", "delay_max_s", "drops", "overhead_up_kb_per_s", "overhead_down_kb_per_s" })
            {
                csv.WriteField(h);
            }

            csv.EndRecord();
            foreach (var d in r.Cost.Devices)
            {
                Row(d.Mac.ToString(), input.Labels?.GetValueOrDefault(d.Mac), d.RealBytes, d.BlockedBytes, d.TunnelBytes, d.PaddingBytes, 0, d.InjectedBytes, d.OverheadBytesPerSecond, d.DelayMean, d.DelayP95, d.DelayMax, d.Drops, d.OverheadUpBytesPerSecond, d.OverheadDownBytesPerSecond);
            }

            var c = r.Cost;
            Row("home", null, c.RealBytes, c.BlockedBytes, c.TunnelBytes, c.PaddingBytes, c.CoverBytes, c.InjectedBytes, c.OverheadBytesPerSecond, c.DelayMean, c.DelayP95, c.DelayMax, c.Drops, c.OverheadUpBytesPerSecond, c.OverheadDownBytesPerSecond);
            return;

            void Row(string device, string? name, long real, long blocked, long tunnel, long padding, long cover, long injected, double perSecond, double mean, double p95, double max, long drops, double upPerSecond, double downPerSecond)
            {
                csv.WriteField(device);
                csv.WriteField(name ?? string.Empty);
                foreach (var v in new[] { real, blocked, tunnel, padding, cover, injected })
                {
                    csv.WriteField(v.ToString(CultureInfo.InvariantCulture));
                }

                foreach (var v in new[] { perSecond / 1e3, mean, p95, max })
                {
                    csv.WriteField(v.ToString("0.######", CultureInfo.InvariantCulture));
                }

                csv.WriteField(drops.ToString(CultureInfo.InvariantCulture));
                csv.WriteField((upPerSecond / 1e3).ToString("0.######", CultureInfo.InvariantCulture));
                csv.WriteField((downPerSecond / 1e3).ToString("0.######", CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
        }

        WriteTables(r, input);
    }

    internal static string Percent(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void WriteTables(ExperimentResult r, ExperimentInput input)
    {
        var effective = r.After.AtChance(input.Privacy.Margin);
        Terminal.Out.MarkupLine($"[bold]Defence[/] {Markup.Escape(r.Plan.ToString())}, seen by the ISP; {Markup.Escape(string.Join("; ", r.Simulation.View.Notes))}");
        if (r.Plan.Shaper is { } shaper)
        {
            Terminal.Out.MarkupLine(Markup.Escape($"Padding ({(shaper.Vit ? "vit" : "constant")}, {shaper.PacketBytes}-byte slots): {Units.FormatRate(shaper.UpBytesPerSecond)} up, {Units.FormatRate(shaper.DownBytesPerSecond)} down"));
        }

        var p = new Table().Border(TableBorder.Simple).Title("What the ISP's attacks still learn");
        p.AddColumn("").AddColumn("identification (rate k-NN)").AddColumn("chance").AddColumn("by names").AddColumn("chance").AddColumn("activities found (recall)").AddColumn("precision").AddColumn("F1").AddColumn("chance recall / F1");
        foreach (var (name, s) in new[] { ("undefended", r.Before), ("defended", r.After) })
        {
            p.AddRow(
                name,
                $"{Percent(s.Accuracy)} ({Percent(s.AccuracyLow)}–{Percent(s.AccuracyHigh)}, {s.Windows} windows)",
                Percent(s.AccuracyChance),
                $"{Percent(s.NameAccuracy)} of {s.Streams} streams",
                Percent(s.NameChance),
                $"{s.Matched} of {s.Truth} ({Percent(s.Recall)})",
                Percent(s.Precision),
                s.F1.ToString("0.00", CultureInfo.InvariantCulture),
                $"{Percent(s.ChanceRecall)} / {s.ChanceF1.ToString("0.00", CultureInfo.InvariantCulture)}");
        }

        Terminal.Out.Write(p);
        Terminal.Out.MarkupLine(effective
            ? $"[green bold]Effective:[/] both attacks are within {Percent(input.Privacy.Margin)} of chance on the defended traffic."
            : $"[red bold]Not effective:[/] an attack stays more than {Percent(input.Privacy.Margin)} above chance.");

        var c = r.Cost;
        var t = new Table().Border(TableBorder.Simple).Title("Cost per device");
        t.AddColumn("device").AddColumn(new TableColumn("real").RightAligned()).AddColumn(new TableColumn("blocked").RightAligned()).AddColumn(new TableColumn("tunnel").RightAligned())
            .AddColumn(new TableColumn("padding").RightAligned()).AddColumn(new TableColumn("injected").RightAligned()).AddColumn(new TableColumn("extra KB/s up / down").RightAligned())
            .AddColumn(new TableColumn("delay mean / p95 / max").RightAligned()).AddColumn(new TableColumn("drops").RightAligned());
        foreach (var d in c.Devices)
        {
            var name = input.Labels?.GetValueOrDefault(d.Mac) ?? d.Mac.ToString();
            t.AddRow(Markup.Escape(name), Formatting.Bytes(d.RealBytes), Formatting.Bytes(d.BlockedBytes), Formatting.Bytes(d.TunnelBytes), Formatting.Bytes(d.PaddingBytes), Formatting.Bytes(d.InjectedBytes), UpDown(d.OverheadUpBytesPerSecond, d.OverheadDownBytesPerSecond), Delay(d.DelayMean, d.DelayP95, d.DelayMax), Formatting.Count(d.Drops));
        }

        t.AddRow("[bold]home[/]", Formatting.Bytes(c.RealBytes), Formatting.Bytes(c.BlockedBytes), Formatting.Bytes(c.TunnelBytes), Formatting.Bytes(c.PaddingBytes), Formatting.Bytes(c.InjectedBytes), UpDown(c.OverheadUpBytesPerSecond, c.OverheadDownBytesPerSecond), Delay(c.DelayMean, c.DelayP95, c.DelayMax), Formatting.Count(c.Drops));
        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine(
            $"Extra traffic {(c.OverheadBytesPerSecond / 1e3).ToString("0.00", CultureInfo.InvariantCulture)} KB/s ({UpDown(c.OverheadUpBytesPerSecond, c.OverheadDownBytesPerSecond)} up / down; cover slots {Formatting.Bytes(c.CoverBytes)}) = {c.OverheadGbPerMonth.ToString("0.0", CultureInfo.InvariantCulture)} GB a month; " +
            $"all traffic {c.MonthlyGb.ToString("0.0", CultureInfo.InvariantCulture)} GB a month = {Percent(c.CapShare)} of the {(c.Options.CapBytes / 1e9).ToString("0", CultureInfo.InvariantCulture)} GB cap" +
            (c.MoneyOverCap > 0 ? $", {c.MoneyOverCap.ToString("0", CultureInfo.InvariantCulture)} over it" : ", nothing over it") +
            $"; uplink {Percent(c.UploadShare)} of {Units.FormatRate(c.Options.UploadBytesPerSecond)}; longest queue {Formatting.Bytes(c.MaxQueueBytes)} ({Formatting.Count(c.MaxQueuePackets)} packets)");
        foreach (var m in r.Broken)
        {
            var kind = input.Kinds.GetValueOrDefault(m);
            var tol = input.Tolerances.For(kind);
            Terminal.Out.MarkupLine($"[red bold]Breaks[/] {Markup.Escape(input.Labels?.GetValueOrDefault(m) ?? m.ToString())} ({Markup.Escape(kind ?? "kind unknown")}): it works with at most {tol.MeanSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s mean and {tol.MaxSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s worst added delay and no drops ({Markup.Escape(tol.Example ?? input.Tolerances.Source)})");
        }

        if (r.Lost.Count > 0)
        {
            var lt = new Table().Border(TableBorder.Simple).Title($"What blocking costs in function ({Markup.Escape(input.Functions.Source)})");
            lt.AddColumn("device").AddColumn("kind").AddColumn(new TableColumn("blocked").RightAligned()).AddColumn("still works").AddColumn("");
            foreach (var l in r.Lost)
            {
                lt.AddRow(new Text(input.Labels?.GetValueOrDefault(l.Mac) ?? l.Mac.ToString()), new Text(l.Kind ?? "?"), new Text(Percent(l.BlockedShare)), new Text(l.Functionality), new Text(l.Description));
            }

            Terminal.Out.Write(lt);
        }
    }

    private static string UpDown(double up, double down) =>
        string.Create(CultureInfo.InvariantCulture, $"{up / 1e3:0.00} / {down / 1e3:0.00}");

    private static string Delay(double mean, double p95, double max) =>
        string.Create(CultureInfo.InvariantCulture, $"{mean:0.00} / {p95:0.00} / {max:0.00} s");
}
