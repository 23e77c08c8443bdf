using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Scoring;
using Blinds.Reports;
using Blinds.Traffic;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds fingerprint eval: how well traffic rates alone identify labelled devices (paper 002 Fig. 4).</summary>
internal static class FingerprintCommand
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
        var learnCaptures = CommonOptions.Captures();
        var learnLabels = new Option<string>("--labels") { Description = "Devices file: mac,name[,type] per line", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "New signatures file (JSON); never replaced", Required = true };
        var learn = new Command("learn", "Learn name signatures (DNS, SNI, mDNS, DHCP) of labelled devices; each capture file is one observation")
        {
            learnCaptures, learnLabels, output,
        };
        learn.SetAction(r => Learn(r.GetValue(learnCaptures)!, r.GetValue(learnLabels)!, r.GetValue(output)!));
        return new Command("fingerprint", "Device fingerprints from traffic") { eval, learn };
    }

    private static int Learn(string[] paths, string labelsPath, string output)
    {
        // Before any work, and in Blinds' words rather than the runtime's.
        if (File.Exists(output) || Directory.Exists(output))
        {
            throw new CliException(ExitCodes.OutputError, $"{output}: already exists; Blinds does not overwrite files");
        }

        var labels = CliException.GuardInput(() => DeviceLabels.Read(labelsPath));
        var signatures = new NameSignatures();
        var code = ExitCodes.Ok;
        var observations = 0;
        foreach (var path in paths)
        {
            var (trace, c) = TraceLoader.Load([path]);
            code = Math.Max(code, c);
            foreach (var d in trace.HomeDevices)
            {
                if (labels.TryGetValue(d.Mac, out var label))
                {
                    signatures.Learn(label, DeviceNames.Of(d));
                    observations++;
                }
            }
        }

        if (observations == 0)
        {
            throw new CliException(ExitCodes.Usage, "no labelled device appears in the captures: nothing learned");
        }

        CliException.Guard(ExitCodes.OutputError, () =>
        {
            using var stream = Blinds.Capture.CaptureWriter.CreateNew(output);
            signatures.Save(stream);
            return 0;
        });
        Console.Out.WriteLine($"wrote {output}: {signatures.Labels.Count} labels from {observations} observations");
        return code;
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
            return code;
        }

        var table = new Table().Border(TableBorder.Simple).Title("Rate-feature k-NN identification (mean, std of s-second samples in w-second windows)");
        table.AddColumn("w (s)").AddColumn("s (s)").AddColumn("k").AddColumn("accuracy").AddColumn("95% CI").AddColumn("chance").AddColumn("windows").AddColumn("silent, left out").AddColumn("devices");
        foreach (var c in cells)
        {
            var r = c.Result;
            table.AddRow(c.WindowSeconds.ToString(CultureInfo.InvariantCulture), c.SampleSeconds.ToString(CultureInfo.InvariantCulture), c.K.ToString(CultureInfo.InvariantCulture), Percent(r.Accuracy), $"{Percent(r.Low)}-{Percent(r.High)}", Percent(r.Chance), Formatting.Count(r.Samples), Formatting.Count(c.SilentWindows), r.Classes.ToString(CultureInfo.InvariantCulture));
        }

        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine("[dim]Windows where a device sent and received nothing are left out (nothing to classify), as `blinds identify --labels` does: the same windows give the same figures.[/]");
        return code;
    }

    private static string Percent(double x) => x.ToString("P1", CultureInfo.InvariantCulture);
}
