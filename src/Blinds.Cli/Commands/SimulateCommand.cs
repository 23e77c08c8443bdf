using System.CommandLine;

using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Defences.Evaluation;
using Blinds.Reports;
using Blinds.Reports.Simulate;

namespace Blinds.Cli.Commands;

/// <summary>blinds simulate: one defence on a capture, its cost, and what an observer's attacks still get.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var inputs = new DefenceInputs();
        var defence = new Option<string>("--defence", "-d") { Description = "The defence, e.g. \"tunnel+constant:rate=10KB/s\" (see docs/defences.md)", Required = true };
        var observer = CommonOptions.Observer();
        observer.DefaultValueFactory = _ => ObserverKind.Isp;
        var format = new Option<string>("--format") { Description = "table, json or csv (one row per device and one for the home)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var json = CommonOptions.Json();
        var command = inputs.Command("simulate", "Try a defence on a capture: what it costs (bytes, data cap, money, delay) and how much an observer's attacks (the ISP's by default; the LAN's or a neighbour's radio with --observer) still learn, beside chance", defence, observer, format, json);
        command.SetAction(r =>
        {
            var kind = r.GetValue(observer);
            if (kind != ObserverKind.Isp && FlowInputs.AreFlows(r.GetValue(inputs.Captures)!))
            {
                throw new CliException(ExitCodes.Usage, "--observer: flow records only give the ISP's view; the LAN's and the radio's need a packet capture");
            }

            var plan = DefenceInputs.ParsePlan(r.GetValue(defence)!);
            var (input, code) = inputs.Load(r);
            var model = SimulateBuilder.Build(input, plan, kind);
            switch (r.GetValue(json) ? "json" : r.GetValue(format))
            {
                case "json":
                    Json.WriteToStdout(model);
                    break;
                case "csv":
                    SimulateText.WriteCsv(model, Console.OpenStandardOutput());
                    break;
                default:
                    SimulateText.Render(model, Terminal.Out, input.Cost, input.Tolerances.Source);
                    break;
            }

            return code;
        });
        return command;
    }
}
