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
        var learnCaptures = new Argument<string[]>("CAPTURE") { Description = "Capture files to learn from", Arity = ArgumentArity.ZeroOrMore };
        var learnLabels = new Option<string?>("--labels") { Description = "Devices file: mac,name[,type] per line (with --label-by file|folder only its MACs count)" };
        var labelBy = new Option<string>("--label-by") { Description = "mac: the labels file's name for each MAC; file or folder: the capture's file or folder name, for the labelled MAC with most packets in it (two folders may share a MAC)", DefaultValueFactory = _ => "mac" };
        var merge = new Option<string[]>("--merge") { Description = "Signature files to add (their observations and name counts add up)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out", "-o") { Description = "New signatures file (JSON); never replaced" };
        var model = new Option<string?>("--model") { Description = "New model file: the signatures plus a traffic classifier (ML.NET LightGBM) for `identify --model`; never replaced" };
        var learn = new Command("learn", "Learn name signatures (DNS, SNI, mDNS, DHCP) of labelled devices, and with --model their traffic; each capture file is one observation")
        {
            learnCaptures, learnLabels, labelBy, merge, output, model,
        };
        learn.SetAction(r => Learn(r.GetValue(learnCaptures) ?? [], r.GetValue(learnLabels), r.GetValue(labelBy)!, r.GetValue(merge) ?? [], r.GetValue(output), r.GetValue(model)));
        return new Command("fingerprint", "Device fingerprints from traffic") { eval, learn };
    }

    private static int Learn(string[] paths, string? labelsPath, string labelBy, string[] merges, string? output, string? modelPath)
    {
        if (labelBy is not ("mac" or "file" or "folder"))
        {
            throw new CliException(ExitCodes.Usage, $"--label-by: '{labelBy}' is not mac, file or folder");
        }

        if (output is null && modelPath is null)
        {
            throw new CliException(ExitCodes.Usage, "give --out (signatures) or --model (signatures and traffic), or both");
        }

        if (paths.Length > 0 && labelsPath is null)
        {
            throw new CliException(ExitCodes.Usage, "--labels: needed to learn from captures");
        }

        if (paths.Length == 0 && merges.Length == 0)
        {
            throw new CliException(ExitCodes.Usage, "nothing to learn: give captures with --labels, or --merge signature files");
        }

        if (modelPath is not null && paths.Length == 0)
        {
            throw new CliException(ExitCodes.Usage, "--model: a traffic model is learned from captures; give some");
        }

        // Before any work, and in Blinds' words rather than the runtime's.
        foreach (var o in new[] { output, modelPath }.OfType<string>())
        {
            if (File.Exists(o) || Directory.Exists(o))
            {
                throw new CliException(ExitCodes.OutputError, $"{o}: already exists; Blinds does not overwrite files");
            }
        }

        var labels = labelsPath is null ? null : CliException.GuardInput(() => DeviceLabels.Read(labelsPath));
        var signatures = new NameSignatures();
        foreach (var m in merges)
        {
            signatures.Merge(CliException.GuardInput(() => NameSignatures.Load(m)));
        }

        var code = ExitCodes.Ok;
        var observations = 0;
        var features = new List<float[]>();
        var classes = new List<string>();
        foreach (var path in paths)
        {
            var (trace, c) = TraceLoader.Load([path]);
            code = Math.Max(code, c);
            var labelled = trace.HomeDevices.Where(d => labels!.ContainsKey(d.Mac)).ToArray();
            var learned = labelBy == "mac"
                ? labelled.Select(d => (Device: d, Label: labels![d.Mac])).ToArray()
                : labelled.OrderByDescending(d => d.PacketsSent + d.PacketsReceived).ThenBy(d => d.Mac).Take(1).Select(d => (Device: d, Label: CaptureLabel(path, labelBy))).ToArray();
            foreach (var (d, label) in learned)
            {
                signatures.Learn(label, DeviceNames.Of(d));
                observations++;
            }

            if (modelPath is not null && learned.Length > 0)
            {
                var profiles = CliException.GuardInput(() => TrafficProfiler.Read([path], learned.Select(x => x.Device.Mac).ToHashSet()));
                foreach (var (d, label) in learned)
                {
                    features.Add(profiles[d.Mac].Vector());
                    classes.Add(label);
                }
            }
        }

        if (paths.Length > 0 && observations == 0)
        {
            throw new CliException(ExitCodes.Usage, "no labelled device appears in the captures: nothing learned");
        }

        if (output is not null)
        {
            CliException.Guard(ExitCodes.OutputError, () =>
            {
                using var stream = Blinds.Capture.CaptureWriter.CreateNew(output);
                signatures.Save(stream);
                return 0;
            });
            Console.Out.WriteLine($"wrote {output}: {signatures.Labels.Count} labels from {observations} observations{(merges.Length > 0 ? $" and {merges.Length} merged files" : string.Empty)}");
        }

        if (modelPath is not null)
        {
            var traffic = classes.Distinct(StringComparer.Ordinal).Count() >= 2 ? TrafficClassifier.Train(features, classes) : null;
            CliException.Guard(ExitCodes.OutputError, () =>
            {
                using var stream = Blinds.Capture.CaptureWriter.CreateNew(modelPath);
                new IdentificationModel(signatures, traffic).Save(stream);
                return 0;
            });
            Console.Out.WriteLine($"wrote {modelPath}: {signatures.Labels.Count} labels, {(traffic is null ? "no traffic classifier (fewer than two labels)" : $"a traffic classifier of {traffic.Classes.Count} labels from {features.Count} observations")}");
        }

        return code;
    }

    // The capture's own name, or its folder's: how datasets such as IoT Sentinel label setup captures.
    private static string CaptureLabel(string path, string labelBy)
    {
        var full = Path.GetFullPath(path);
        if (labelBy == "folder")
        {
            return Path.GetFileName(Path.GetDirectoryName(full)) is { Length: > 0 } folder ? folder : throw new CliException(ExitCodes.Usage, $"{path}: no folder to label it by");
        }

        var name = Path.GetFileName(full);
        while (Path.GetExtension(name) is { Length: > 0 } ext)
        {
            name = name[..^ext.Length];
        }

        return name;
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
