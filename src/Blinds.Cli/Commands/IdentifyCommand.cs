using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Leaks;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Traffic;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds identify: what one observer can tell about each device or stream, scored against labels when given.</summary>
internal static class IdentifyCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var observer = CommonOptions.Observer();
        var labels = new Option<string?>("--labels") { Description = "Devices file (mac,name[,type]): score identification against it" };
        var secrets = new Option<bool>("--show-secrets") { Description = "Show credentials found in plain HTTP (redacted by default)" };
        var signatures = new Option<string?>("--signatures") { Description = "Name signatures (from `blinds fingerprint learn`); default: the ones shipped, from the papers" };
        var model = new Option<string?>("--model") { Description = "A model from `blinds fingerprint learn --model`: its signatures, and on the LAN its traffic classifier for devices that name nothing" };
        var window = new Option<int>("--window", "-w") { Description = "Rate attack: window length, seconds", DefaultValueFactory = _ => 300 };
        var sample = new Option<int>("--sample", "-s") { Description = "Rate attack: sample length, seconds", DefaultValueFactory = _ => 10 };
        var k = new Option<int>("--k") { Description = "Rate attack: neighbours", DefaultValueFactory = _ => 3 };
        var home = CommonOptions.HomeAddresses();
        var json = CommonOptions.Json();
        var command = new Command("identify", "What an observer tells about each device (LAN, Wi-Fi) or stream (ISP): vendor, names, signature match; with --labels, accuracy against chance")
        {
            captures, observer, labels, secrets, signatures, model, window, sample, k, home, json,
        };
        command.SetAction(r => Run(
            r.GetValue(captures)!,
            r.GetValue(observer),
            r.GetResult(observer) is { Implicit: false },
            r.GetValue(labels),
            r.GetValue(secrets),
            r.GetValue(signatures),
            r.GetValue(model),
            new ViewEvaluationOptions { WindowSeconds = r.GetValue(window), SampleSeconds = r.GetValue(sample), K = r.GetValue(k) },
            CommonOptions.ParseHomeAddresses(r.GetValue(home)),
            r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, ObserverKind kind, bool observerGiven, string? labelsPath, bool showSecrets, string? signaturesPath, string? modelPath, ViewEvaluationOptions evaluation, IReadOnlySet<IpAddress>? home, bool json)
    {
        if (evaluation.SampleSeconds < 1 || evaluation.WindowSeconds < evaluation.SampleSeconds || evaluation.WindowSeconds % evaluation.SampleSeconds != 0 || evaluation.K < 1)
        {
            throw new CliException(ExitCodes.Usage, "--window must be a whole number of --sample seconds (both positive), --k at least 1");
        }

        if (signaturesPath is not null && modelPath is not null)
        {
            throw new CliException(ExitCodes.Usage, "--signatures and --model: give one (a model holds its signatures)");
        }

        var model = modelPath is null ? null : CliException.GuardInput(() => IdentificationModel.Load(modelPath));
        var signatures = model?.Signatures ?? (signaturesPath is null ? NameSignatures.Papers() : CliException.GuardInput(() => NameSignatures.Load(signaturesPath)));
        var labels = labelsPath is null ? null : CliException.GuardInput(() => DeviceLabels.Read(labelsPath));
        // Flow records give the ISP's view only, at the flows' resolution; a capture gives any observer's.
        Trace? trace = null;
        ObserverView view;
        int code;
        if (FlowInputs.AreFlows(paths))
        {
            var flows = FlowInputs.Load(paths, kind, observerGiven, home);
            (view, code, kind) = (flows.View, flows.ExitCode, ObserverKind.Isp);
        }
        else
        {
            (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = kind == ObserverKind.Isp, HomeAddresses = home });
            view = Observer.Project(trace, kind);
        }

        var oui = OuiDatabase.For(view.Entities.Where(e => e.Mac is not null).Select(e => e.Mac!.Value));
        var identities = DeviceIdentifier.Identify(view, signatures, kind == ObserverKind.Isp ? null : oui, TrafficOf(model, kind, paths, view));
        var score = labels is null ? null : ViewEvaluation.Evaluate(view, labels, evaluation);
        var linked = kind == ObserverKind.Lan ? MacLinker.Link(trace!) : [];
        var leaks = kind == ObserverKind.Lan ? LeakFinder.Find(trace!, showSecrets) : [];
        string? Truth(ObservedEntity e) => labels is not null && labels.TryGetValue(e.Device, out var n) ? n : null;

        if (json)
        {
            Json.WriteToStdout(new
            {
                observer = kind.ToString().ToLowerInvariant(),
                notes = view.Notes,
                entities = identities.Select(i => new
                {
                    id = i.Entity.Id,
                    mac = i.Entity.Mac?.ToString(),
                    remote = i.Entity.Remote?.ToString(),
                    truth = Truth(i.Entity),
                    label = i.Label,
                    tied = i.Tied,
                    kind = i.Kind,
                    confidence = Math.Round(i.Confidence, 3),
                    vendor = i.Vendor,
                    evidence = i.Evidence,
                    names = i.Entity.Names.Names.Order(StringComparer.Ordinal).Take(20),
                    dhcp_host_names = i.Entity.Names.DhcpHostNames,
                    dhcp_vendor_classes = i.Entity.Names.DhcpVendorClasses,
                    dhcp_parameter_lists = i.Entity.Names.DhcpParameterLists,
                    bytes = i.Entity.Rates?.TotalBytes ?? 0,
                }),
                score = score is null ? null : new
                {
                    labels = score.Labels,
                    windows = score.Windows,
                    silent_windows_left_out = score.SilentWindows,
                    rates = score.Rates is not { } cv ? null : new
                    {
                        window_seconds = evaluation.WindowSeconds,
                        sample_seconds = evaluation.SampleSeconds,
                        k = evaluation.K,
                        accuracy = cv.Accuracy,
                        ci95 = new[] { cv.Low, cv.High },
                        chance = cv.Chance,
                        samples = cv.Samples,
                        folds = cv.Folds,
                        confusion_labels = cv.ClassLabels.Select(c => score.Labels[c]),
                        confusion = cv.Confusion,
                    },
                    names = score.Names is not { } ne ? null : new
                    {
                        accuracy = ne.Accuracy,
                        ci95 = new[] { ne.Low, ne.High },
                        chance = ne.Chance,
                        evaluated = ne.Evaluated,
                        correct = ne.Correct,
                        unlearnable = ne.Unlearnable,
                    },
                },
                linked = linked.Select(l => new { macs = l.Macs.Select(m => m.ToString()), l.Evidence, l.Confidence }),
                leaks = leaks.Select(l => new { device = l.Device.ToString(), kind = l.Kind, l.Evidence, l.Count }),
            });
            return code;
        }

        var title = kind switch
        {
            ObserverKind.Lan => "What the LAN observer tells about each device",
            ObserverKind.Isp => "What the ISP tells about each stream behind the NAT",
            _ => "What a Wi-Fi eavesdropper tells about each station",
        };
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var h in new[] { kind == ObserverKind.Isp ? "service address" : "MAC", "bytes", "label (confidence)", "evidence" }.Concat(labels is null ? [] : ["truth"]))
        {
            table.AddColumn(h);
        }

        var shown = kind == ObserverKind.Isp
            ? identities.OrderByDescending(i => i.Label is not null).ThenByDescending(i => i.Entity.Rates?.TotalBytes ?? 0).Take(40).ToArray()
            : identities.ToArray();
        foreach (var i in shown)
        {
            var bytes = i.Entity.Rates?.TotalBytes ?? 0;
            var label = i.Label is null ? "?" : $"{i.Shown} ({i.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}{(i.Tied.Count > 1 ? " each, a tie" : string.Empty)})";
            var cells = new List<Text>
            {
                new(i.Entity.Id),
                new(Formatting.Bytes(bytes)),
                new(label),
                new(string.Join("\n", i.Evidence.DefaultIfEmpty(i.Entity.Names.Names.Count == 0 ? "no names visible" : string.Join(", ", i.Entity.Names.Names.Take(3))))),
            };
            if (labels is not null)
            {
                cells.Add(new Text(Truth(i.Entity) ?? "-"));
            }

            table.AddRow(cells);
        }

        Terminal.Out.Write(table);
        if (shown.Length < identities.Count)
        {
            Terminal.Out.MarkupLine($"[dim]{identities.Count - shown.Length} more streams not shown (--json lists all)[/]");
        }

        foreach (var note in view.Notes)
        {
            Terminal.Out.MarkupLine($"[dim]{Markup.Escape(note)}[/]");
        }

        if (score is not null)
        {
            WriteScore(score, evaluation);
        }

        foreach (var l in linked)
        {
            Terminal.Out.MarkupLine($"[bold]One device:[/] {Markup.Escape(string.Join(", ", l.Macs))} ({Markup.Escape(string.Join("; ", l.Evidence))}; confidence {l.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        if (kind == ObserverKind.Lan)
        {
            var lt = new Table().Border(TableBorder.Simple).Title(showSecrets ? "Leaks on the LAN (secrets shown)" : "Leaks on the LAN (secrets redacted; --show-secrets shows them)");
            lt.AddColumn("device").AddColumn("what").AddColumn(new TableColumn("count").RightAligned()).AddColumn("evidence");
            foreach (var l in leaks)
            {
                lt.AddRow(new Text(l.Device.ToString()), new Text(l.Kind.ToString()), new Text(Formatting.Count(l.Count)), new Text(l.Evidence));
            }

            Terminal.Out.Write(lt);
        }

        return code;
    }

    // The model's traffic classifier sees what a LAN observer sees of each station's own packets; an ISP's streams
    // and a Wi-Fi eavesdropper's frames are other data, so there only the model's names are used.
    private static Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? TrafficOf(IdentificationModel? model, ObserverKind kind, string[] paths, ObserverView view)
    {
        if (model?.Traffic is not { } classifier || kind != ObserverKind.Lan)
        {
            return null;
        }

        var profiles = CliException.GuardInput(() => TrafficProfiler.Read(paths, view.Entities.Where(e => e.Mac is not null).Select(e => e.Mac!.Value).ToHashSet()));
        return e => e.Mac is { } m && profiles.TryGetValue(m, out var p) && p.Packets > 0 ? classifier.Probabilities(p.Vector()) : null;
    }

    private static void WriteScore(ViewEvaluationResult score, ViewEvaluationOptions evaluation)
    {
        static string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        if (score.Rates is { } cv)
        {
            Terminal.Out.MarkupLine(
                $"[bold]Rate attack[/] (k-NN, k={evaluation.K}, w={evaluation.WindowSeconds} s, s={evaluation.SampleSeconds} s, {cv.Folds}-fold stratified CV over {cv.Samples} windows; {score.SilentWindows} silent windows left out, as `fingerprint eval` does): " +
                $"[bold]{P(cv.Accuracy)}[/] (95% CI over folds {P(cv.Low)}–{P(cv.High)}), chance {P(cv.Chance)}");
            var m = new Table().Border(TableBorder.Simple).Title("Confusion (rows: truth, columns: predicted)");
            m.AddColumn("");
            var names = cv.ClassLabels.Select(c => score.Labels[c]).ToArray();
            for (var i = 0; i < names.Length; i++)
            {
                m.AddColumn(new TableColumn(i.ToString(CultureInfo.InvariantCulture)).RightAligned());
            }

            for (var i = 0; i < names.Length; i++)
            {
                m.AddRow(new[] { new Text($"{i} {names[i]}") }.Concat(cv.Confusion[i].Select(v => new Text(v == 0 ? "." : v.ToString(CultureInfo.InvariantCulture)))).ToArray());
            }

            Terminal.Out.Write(m);
        }
        else
        {
            Terminal.Out.MarkupLine("[bold]Rate attack:[/] too few labelled windows to evaluate");
        }

        if (score.Names is { Evaluated: 0 } none)
        {
            Terminal.Out.MarkupLine(
                $"[bold]Name attack:[/] not measurable from these labels: all {none.Unlearnable} named entities are the only one of their device. " +
                "Learn signatures on other captures (blinds fingerprint learn) and pass them with --signatures.");
        }
        else if (score.Names is { } n)
        {
            Terminal.Out.MarkupLine(
                $"[bold]Name attack[/] (signatures learned from the other entities, each left out in turn): [bold]{P(n.Accuracy)}[/] of {n.Evaluated} " +
                $"(95% Wilson {P(n.Low)}–{P(n.High)}), chance {P(n.Chance)}; {n.Unlearnable} entities are the only one of their device (nothing to learn from)");
        }
        else
        {
            Terminal.Out.MarkupLine("[bold]Name attack:[/] this observer sees no names");
        }
    }
}
