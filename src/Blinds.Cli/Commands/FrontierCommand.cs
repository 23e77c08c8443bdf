using System.CommandLine;
using System.Globalization;

using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Reports;

using CsvHelper;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds frontier: one knob of a defence swept, privacy left against overhead at each setting (paper 002's privacy knob).</summary>
internal static class FrontierCommand
{
    public static Command Create()
    {
        var inputs = new DefenceInputs();
        var defence = new Option<string>("--defence", "-d") { Description = "The defence whose knob is swept, e.g. \"tunnel+constant\"", Required = true };
        var sweep = new Option<string>("--sweep") { Description = "The knob and its range: rate=1KB/s..64KB/s, q=0.01..0.5, per-day=1..8", Required = true };
        var points = new Option<int>("--points") { Description = "Settings tried (geometric steps over wide positive ranges, else linear)", DefaultValueFactory = _ => 7 };
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var json = CommonOptions.Json();
        var command = inputs.Command("frontier", "Sweep a defence's knob: at each setting, what it costs and what the ISP's attacks still learn; the cheapest setting that reaches chance", defence, sweep, points, format, json);
        command.SetAction(r =>
        {
            var plan = DefenceInputs.ParsePlan(r.GetValue(defence)!);
            Sweep knob;
            try
            {
                knob = Sweep.Parse(r.GetValue(sweep)!, r.GetValue(points), plan);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCodes.Usage, e.Message);
            }

            var (input, code) = inputs.Load(r);
            var baseline = DefenceExperiment.Baseline(input);
            var results = knob.Values().Select(v => (Value: v, Result: DefenceExperiment.Run(input, knob.Apply(plan, v), baseline))).ToArray();
            var best = results.Where(x => x.Result.Usable(input.Privacy.Margin)).OrderBy(x => x.Result.Cost.OverheadBytes).Select(x => (double?)x.Value).FirstOrDefault();
            var fmt = r.GetValue(json) ? "json" : r.GetValue(format)!;
            Write(fmt, knob, plan.ToString(), results, best, baseline, input);
            return code;
        });
        return command;
    }

    private static void Write(string format, Sweep knob, string spec, (double Value, ExperimentResult Result)[] results, double? best, PrivacyScore baseline, ExperimentInput input)
    {
        var margin = input.Privacy.Margin;
        if (format == "json")
        {
            Json.WriteToStdout(new
            {
                defence = spec,
                knob = knob.Key,
                undefended = new { identification = baseline.Accuracy, identification_chance = baseline.AccuracyChance, names = baseline.NameAccuracy, names_chance = baseline.NameChance, f1 = baseline.F1, chance_f1 = baseline.ChanceF1 },
                points = results.Select(x => new
                {
                    value = x.Value,
                    setting = knob.Format(x.Value),
                    plan = x.Result.Plan.ToString(),
                    shaper = SimulateCommand.Shaper(x.Result.Plan),
                    overhead_kb_per_s = x.Result.Cost.OverheadBytesPerSecond / 1e3,
                    overhead_up_kb_per_s = x.Result.Cost.OverheadUpBytesPerSecond / 1e3,
                    overhead_down_kb_per_s = x.Result.Cost.OverheadDownBytesPerSecond / 1e3,
                    overhead_gb_per_month = x.Result.Cost.OverheadGbPerMonth,
                    cap_share = x.Result.Cost.CapShare,
                    money_over_cap = x.Result.Cost.MoneyOverCap,
                    delay_mean = x.Result.Cost.DelayMean,
                    delay_max = x.Result.Cost.DelayMax,
                    drops = x.Result.Cost.Drops,
                    identification = x.Result.After.Accuracy,
                    identification_chance = x.Result.After.AccuracyChance,
                    names = x.Result.After.NameAccuracy,
                    names_chance = x.Result.After.NameChance,
                    f1 = x.Result.After.F1,
                    chance_f1 = x.Result.After.ChanceF1,
                    effective = x.Result.After.AtChance(margin),
                    broken = x.Result.Broken.Select(m => m.ToString()),
                    usable = x.Result.Usable(margin),
                }),
                cheapest_effective = best is { } b ? knob.Format(b) : null,
            });
            return;
        }

        string[] header = ["setting", "overhead_kb_per_s", "overhead_gb_per_month", "cap_share", "delay_mean_s", "delay_max_s", "drops", "identification", "identification_chance", "names", "names_chance", "f1", "chance_f1", "effective", "broken_devices", "up_bytes_per_second", "down_bytes_per_second", "overhead_up_kb_per_s", "overhead_down_kb_per_s"];
        IEnumerable<string> Row((double Value, ExperimentResult Result) x)
        {
            var c = x.Result.Cost;
            var a = x.Result.After;
            return
            [
                knob.Format(x.Value), F(c.OverheadBytesPerSecond / 1e3), F(c.OverheadGbPerMonth), F(c.CapShare), F(c.DelayMean), F(c.DelayMax),
                c.Drops.ToString(CultureInfo.InvariantCulture), F(a.Accuracy), F(a.AccuracyChance), F(a.NameAccuracy), F(a.NameChance), F(a.F1), F(a.ChanceF1),
                a.AtChance(margin) ? "yes" : "no", x.Result.Broken.Count.ToString(CultureInfo.InvariantCulture),
                x.Result.Plan.Shaper is { } s ? F(s.UpBytesPerSecond) : string.Empty, x.Result.Plan.Shaper is { } t ? F(t.DownBytesPerSecond) : string.Empty,
                F(c.OverheadUpBytesPerSecond / 1e3), F(c.OverheadDownBytesPerSecond / 1e3),
            ];
        }

        if (format == "csv")
        {
            using var csv = CsvWriter.Create(Console.OpenStandardOutput(), null, false);
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.EndRecord();
            foreach (var x in results)
            {
                foreach (var v in Row(x))
                {
                    csv.WriteField(v);
                }

                csv.EndRecord();
            }

            return;
        }

        var t = new Table().Border(TableBorder.Simple).Title($"{Markup.Escape(spec)}: {Markup.Escape(knob.Key)} from {Markup.Escape(knob.Format(knob.Low))} to {Markup.Escape(knob.Format(knob.High))}");
        foreach (var h in new[] { knob.Key, "shaped up / down", "extra KB/s up / down", "GB/month", "cap", "delay mean / max", "drops", "rates (chance)", "names (chance)", "activity F1 (chance)", "at chance", "devices broken" })
        {
            t.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var (value, r) in results)
        {
            var c = r.Cost;
            var a = r.After;
            t.AddRow(
                Markup.Escape(knob.Format(value)),
                r.Plan.Shaper is { } s ? Markup.Escape($"{Units.FormatRate(s.UpBytesPerSecond)} / {Units.FormatRate(s.DownBytesPerSecond)}") : "-",
                string.Create(CultureInfo.InvariantCulture, $"{c.OverheadUpBytesPerSecond / 1e3:0.###} / {c.OverheadDownBytesPerSecond / 1e3:0.###}"),
                c.OverheadGbPerMonth.ToString("0.0", CultureInfo.InvariantCulture),
                SimulateCommand.Percent(c.CapShare),
                string.Create(CultureInfo.InvariantCulture, $"{c.DelayMean:0.00} / {c.DelayMax:0.0} s"),
                Formatting.Count(c.Drops),
                $"{SimulateCommand.Percent(a.Accuracy)} ({SimulateCommand.Percent(a.AccuracyChance)})",
                $"{SimulateCommand.Percent(a.NameAccuracy)} ({SimulateCommand.Percent(a.NameChance)})",
                $"{a.F1.ToString("0.00", CultureInfo.InvariantCulture)} ({a.ChanceF1.ToString("0.00", CultureInfo.InvariantCulture)})",
                a.AtChance(margin) ? "[green]yes[/]" : "[red]no[/]",
                r.Broken.Count == 0 ? "0" : $"[red]{r.Broken.Count}[/]");
        }

        Terminal.Out.Write(t);
        Terminal.Out.MarkupLine($"Undefended: rates {SimulateCommand.Percent(baseline.Accuracy)} (chance {SimulateCommand.Percent(baseline.AccuracyChance)}), names {SimulateCommand.Percent(baseline.NameAccuracy)}, activity F1 {baseline.F1.ToString("0.00", CultureInfo.InvariantCulture)}.");
        Terminal.Out.MarkupLine(best is { } cheapest
            ? $"Cheapest setting at chance (within {SimulateCommand.Percent(margin)}) that breaks no device (delays within each kind's tolerance, {Markup.Escape(input.Tolerances.Source)}; no drops): [bold]{Markup.Escape(knob.Key)}={Markup.Escape(knob.Format(cheapest))}[/]"
            : "No setting tried reaches chance without breaking a device (delays beyond its kind's tolerance, or drops).");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
