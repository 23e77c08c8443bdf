using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Scoring;
using Blinds.Reports;
using Blinds.Reports.Fingerprint;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds fingerprint eval: how well traffic rates alone identify labelled devices (paper 002 Fig. 4).</summary>
internal static class FingerprintEval
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var labels = new Option<string>("--labels") { Description = "Devices file: mac,name[,type] per line (the lab's NAME.devices.csv)", Required = true };
        var windows = new Option<string>("--window", "-w") { Description = "Window lengths in seconds, comma-separated", DefaultValueFactory = _ => "60,120,300,600" };
        var samples = new Option<string>("--sample", "-s") { Description = "Sample intervals in seconds, comma-separated", DefaultValueFactory = _ => "1,5,10,30" };
        var ks = new Option<string>("--k") { Description = "Neighbours, comma-separated", DefaultValueFactory = _ => "3" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold assignment", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var eval = new Command("eval", "Rate-feature k-NN identification with stratified cross-validation over a grid of w, s and k")
        {
            captures, labels, windows, samples, ks, folds, seed, json,
        };
        eval.SetAction(r => Eval(r.GetValue(captures)!, r.GetValue(labels)!, List(r.GetValue(windows)!, "--window"), List(r.GetValue(samples)!, "--sample"), List(r.GetValue(ks)!, "--k"), r.GetValue(folds), r.GetValue(seed), r.GetValue(json)));
        return eval;
    }

    private static int[] List(string text, string option)
    {
        var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!int.TryParse(values[i], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]) || result[i] < 1)
            {
                throw new CliException(ExitCodes.Usage, $"{option}: '{values[i]}' is not a positive whole number");
            }
        }

        return result.Length > 0 ? result : throw new CliException(ExitCodes.Usage, $"{option}: give at least one value");
    }

    private static int Eval(string[] paths, string labelsPath, int[] windows, int[] samples, int[] ks, int folds, int seed, bool json)
    {
        if (folds < 2)
        {
            throw new CliException(ExitCodes.Usage, "--folds: at least 2");
        }

        var labels = CliException.GuardInput(() => DeviceLabels.Read(labelsPath));

        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), SeriesDevices = labels.Keys.ToHashSet() });
        var cells = RateFingerprintGrid.Evaluate(trace, labels, windows, samples, ks, folds, seed);
        if (cells.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, "no labelled device with internet traffic, or fewer than two of them: nothing to tell apart");
        }

        if (json)
        {
            Json.WriteToStdout(cells);
        }
        else
        {
            FingerprintText.RenderEval(cells, Terminal.Out);
        }

        return code;
    }
}
