using System.CommandLine;

using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Reports;
using Blinds.Reports.Frontier;

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
            var model = FrontierBuilder.Build(input, plan, knob);
            switch (r.GetValue(json) ? "json" : r.GetValue(format))
            {
                case "json":
                    Json.WriteToStdout(model);
                    break;
                case "csv":
                    FrontierText.WriteCsv(model, Console.OpenStandardOutput());
                    break;
                default:
                    FrontierText.Render(model, Terminal.Out, input.Privacy.Margin, input.Tolerances.Source);
                    break;
            }

            return code;
        });
        return command;
    }
}
