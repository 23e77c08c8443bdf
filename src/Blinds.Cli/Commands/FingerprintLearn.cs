using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Scoring;
using Blinds.Reports;
using Blinds.Reports.Fingerprint;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds fingerprint learn: name signatures (and with --model a traffic classifier) from labelled captures.</summary>
internal static class FingerprintLearn
{
    public static Command Create()
    {
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
        return learn;
    }

    private static int Learn(string[] paths, string? labelsPath, string labelBy, string[] merges, string? output, string? modelPath)
    {
        var by = Enum.TryParse<CaptureLabelling>(labelBy, ignoreCase: true, out var parsed) && labelBy.All(char.IsLetter)
            ? parsed
            : throw new CliException(ExitCodes.Usage, $"--label-by: '{labelBy}' is not mac, file or folder");
        var problem = (output, modelPath, paths.Length, labelsPath, merges.Length) switch
        {
            (null, null, _, _, _) => "give --out (signatures) or --model (signatures and traffic), or both",
            (_, _, > 0, null, _) => "--labels: needed to learn from captures",
            (_, _, 0, _, 0) => "nothing to learn: give captures with --labels, or --merge signature files",
            (_, not null, 0, _, _) => "--model: a traffic model is learned from captures; give some",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CliException(ExitCodes.Usage, problem);
        }

        // Before any work, and in Blinds' words rather than the runtime's.
        foreach (var o in new[] { output, modelPath }.OfType<string>().Where(o => File.Exists(o) || Directory.Exists(o)))
        {
            throw new CliException(ExitCodes.OutputError, $"{o}: already exists; Blinds does not overwrite files");
        }

        var labels = labelsPath is null ? new Dictionary<Blinds.Protocols.Addressing.MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.Read(labelsPath));
        var merged = merges.Select(m => CliException.GuardInput(() => NameSignatures.Load(m))).ToArray();
        var code = ExitCodes.Ok;
        IEnumerable<(string, Trace)> Captures()
        {
            foreach (var path in paths)
            {
                var (trace, c) = TraceLoader.Load([path]);
                code = Math.Max(code, c);
                yield return (path, trace);
            }
        }

        var learned = CliException.GuardInput(() => SignatureLearning.Learn(Captures(), labels, by, merged, traffic: modelPath is not null));
        if (paths.Length > 0 && learned.Observations == 0)
        {
            throw new CliException(ExitCodes.Usage, "no labelled device appears in the captures: nothing learned");
        }

        foreach (var (mac, shared) in learned.SharedMacs)
        {
            Console.Out.WriteLine($"{string.Join(" and ", shared)} share one MAC ({mac}), so their traffic cannot be told apart by sender (a hub and devices added through it?): identify reports them as a group");
        }

        if (output is not null)
        {
            Write(output, learned.Signatures.Save);
            Console.Out.WriteLine($"wrote {output}: {learned.Signatures.Labels.Count} labels from {learned.Observations} observations{(merges.Length > 0 ? $" and {merges.Length} merged files" : string.Empty)}");
        }

        if (modelPath is not null)
        {
            var traffic = learned.TrainTraffic();
            Write(modelPath, new IdentificationModel(learned.Signatures, traffic, learned.Groups, learned.TrafficNovelty()).Save);
            Console.Out.WriteLine($"wrote {modelPath}: {learned.Signatures.Labels.Count} labels, {(traffic is null ? "no traffic classifier (fewer than two labels)" : $"a traffic classifier of {traffic.Classes.Count} labels from {learned.Features.Count} observations")}");
        }

        return code;
    }

    private static void Write(string path, Action<Stream> save) => CliException.Guard(ExitCodes.OutputError, () =>
    {
        using var stream = Blinds.Capture.CaptureWriter.CreateNew(path);
        save(stream);
        return 0;
    });
}
