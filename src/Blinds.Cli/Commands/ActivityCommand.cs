using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Traffic;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds activity: bursts in what an observer sees, named by device kind, and, given labels, how many were real.</summary>
internal static class ActivityCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var observer = CommonOptions.Observer();
        var events = new Option<string?>("--events") { Description = "Labelled activities (time,device,activity) to score against; needs --devices" };
        var devices = new Option<string?>("--devices") { Description = "Devices file (mac,name[,type]) naming the stations; its type column says what each device is" };
        var signatures = new Option<string?>("--signatures", "--model") { Description = "Name signatures, or a model from `fingerprint learn --model`, to tell device kinds by (default: the ones shipped, from the papers)" };
        var tolerance = new Option<string>("--tolerance") { Description = "How far a detection may be from a labelled activity", DefaultValueFactory = _ => "10s" };
        var detector = new Option<string?>("--detector") { Description = "Detector parameters, for evaluation (key=value,...: factor, quantile, gap, sample, sigmas, ratio, similar, tolerance, cover, beats, background, recur, intercept, slope, duration; seconds for gap and sample); the defaults were chosen by leave-one-capture-out" };
        var home = CommonOptions.HomeAddresses();
        var json = CommonOptions.Json();
        var command = new Command("activity", "Infer user activities from rate changes in what an observer sees (paper 002 §5.2), named by what each device is")
        {
            captures, observer, events, devices, signatures, tolerance, detector, home, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(observer), r.GetResult(observer) is { Implicit: false }, r.GetValue(events), r.GetValue(devices), r.GetValue(signatures), r.GetValue(tolerance)!, ParseDetector(r.GetValue(detector)), CommonOptions.ParseHomeAddresses(r.GetValue(home)), r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, ObserverKind kind, bool observerGiven, string? eventsPath, string? devicesPath, string? signaturesPath, string toleranceText, EventDetectorOptions detector, IReadOnlySet<IpAddress>? home, bool json)
    {
        var tolerance = DurationOption.Parse(toleranceText, "--tolerance", "10s");

        if (eventsPath is not null && devicesPath is null)
        {
            throw new CliException(ExitCodes.Usage, "--events needs --devices to know which station is which device");
        }

        var names = devicesPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.Read(devicesPath));
        var types = devicesPath is null ? new Dictionary<MacAddress, string>() : CliException.GuardInput(() => DeviceLabels.ReadTypes(devicesPath));
        var signatures = SignatureFiles.Load(signaturesPath);
        var labelled = eventsPath is null ? null : CliException.GuardInput(() => EventLabels.Read(eventsPath));
        // Flow records give the ISP's view only, at the flows' resolution; a capture gives any observer's.
        ObserverView view;
        int code;
        long firstNs, lastNs;
        if (FlowInputs.AreFlows(paths))
        {
            var flows = FlowInputs.Load(paths, kind, observerGiven, home);
            (view, code, kind, firstNs, lastNs) = (flows.View, flows.ExitCode, ObserverKind.Isp, flows.FirstNs, flows.LastNs);
        }
        else
        {
            var (trace, loaded) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = kind == ObserverKind.Isp, HomeAddresses = home });
            (view, code, firstNs, lastNs) = (Observer.Project(trace, kind), loaded, trace.FirstNs ?? 0, trace.LastNs ?? 0);
        }

        if (labelled is not null && EventLabelCheck.FirstProblem(labelled, eventsPath!, names.Values.ToArray(), devicesPath!, firstNs, lastNs, (long)tolerance.TotalNanoseconds) is { } problem)
        {
            throw new CliException(ExitCodes.InputError, problem);
        }


        // The kind of each entity: the user's labels when given, else what the names say to this observer.
        var identities = DeviceIdentifier.Identify(view, signatures, null).ToDictionary(i => i.Entity);
        string? KindOf(ObservedEntity e) => e.Mac is { } m && types.TryGetValue(m, out var t) ? t : identities[e].Kind;
        var inferred = ActivityInference.Infer(view, KindOf, detector);
        string Name(ObservedEntity e) => names.TryGetValue(e.Device, out var n) ? (kind == ObserverKind.Isp ? $"{e.Id} ({n})" : n) : e.Id;

        var scores = labelled is null ? null : ActivityScore.Score(inferred, labelled, names, tolerance, lastNs - firstNs);
        if (json)
        {
            Json.WriteToStdout(new
            {
                observer = kind.ToString().ToLowerInvariant(),
                events = inferred.Select(a => new
                {
                    start = Formatting.Time(a.Named.Event.StartNs),
                    end = Formatting.Time(a.Named.Event.EndNs),
                    entity = a.Entity.Id,
                    device = names.GetValueOrDefault(a.Entity.Device),
                    kind = ActivityNamer.NormaliseKind(KindOf(a.Entity)),
                    activity = a.Named.Activity,
                    confidence = Math.Round(a.Named.Confidence, 3),
                    bytes = a.Named.Event.Bytes,
                    score = Math.Round(a.Named.Event.Score, 4),
                }),
                scores = scores?.Where(s => s.Device != "home").Select(Score),
                home = scores?.Single(s => s.Device == "home") is { } h ? Score(h) : null,
                tolerance_seconds = tolerance.TotalSeconds,
            });
            return code;
        }

        var table = new Table().Border(TableBorder.Simple).Title($"{inferred.Count} activities inferred by the {kind.ToString().ToUpperInvariant()} observer");
        table.AddColumn("start").AddColumn(kind == ObserverKind.Isp ? "stream" : "device").AddColumn("activity").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned()).AddColumn(new TableColumn("confidence").RightAligned());
        foreach (var a in inferred)
        {
            var e = a.Named.Event;
            table.AddRow(Formatting.Time(e.StartNs)[..19], Markup.Escape(Name(a.Entity)), Markup.Escape(a.Named.Activity), ((e.EndNs - e.StartNs) / 1e9).ToString("0", CultureInfo.InvariantCulture), Formatting.Bytes(e.Bytes), a.Named.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        }

        Terminal.Out.Write(table);
        if (scores is not null)
        {
            var st = new Table().Border(TableBorder.Simple).Title($"Against the labels (within {tolerance.TotalSeconds:0.#} s)");
            st.AddColumn("device").AddColumn("labelled").AddColumn("detected").AddColumn("matched").AddColumn("precision").AddColumn("recall").AddColumn("F1").AddColumn("chance recall").AddColumn("named right");
            foreach (var s in scores)
            {
                var ev = s.Events;
                st.AddRow(Markup.Escape(s.Device), ev.Truth.ToString(CultureInfo.InvariantCulture), ev.Detected.ToString(CultureInfo.InvariantCulture), ev.Matched.ToString(CultureInfo.InvariantCulture), ev.Precision.ToString("0.00", CultureInfo.InvariantCulture), ev.Recall.ToString("0.00", CultureInfo.InvariantCulture), ev.F1.ToString("0.00", CultureInfo.InvariantCulture), ev.ChanceRecall.ToString("0.000", CultureInfo.InvariantCulture), ev.Matched == 0 ? "-" : s.NamingAccuracy.ToString("0.00", CultureInfo.InvariantCulture));
            }

            Terminal.Out.Write(st);
        }

        return code;
    }

    // key=value pairs over the defaults; an unknown key or a bad number is a usage error naming it.
    private static EventDetectorOptions ParseDetector(string? text)
    {
        var o = new EventDetectorOptions();
        if (string.IsNullOrWhiteSpace(text))
        {
            return o;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw new CliException(ExitCodes.Usage, $"--detector: '{pair}' is not key=number");
            }

            if (v <= 0 && kv[0] is not ("intercept" or "slope" or "duration"))
            {
                throw new CliException(ExitCodes.Usage, $"--detector: {kv[0]} must be positive");
            }

            o = kv[0] switch
            {
                "factor" => o with { EnvelopeFactor = v },
                "quantile" => v <= 1 ? o with { EnvelopeQuantile = v } : throw new CliException(ExitCodes.Usage, "--detector: quantile must be at most 1"),
                "gap" => o with { MergeGap = TimeSpan.FromSeconds(v) },
                "sample" => o with { Sample = TimeSpan.FromSeconds(v) },
                "sigmas" => o with { Sigmas = v },
                "ratio" => o with { MinRatio = v },
                "similar" => o with { SimilarSize = v },
                "tolerance" => o with { PeriodTolerance = v },
                "cover" => o with { PeriodCover = v },
                "beats" => o with { MinBeats = (int)Math.Round(v) },
                "background" => o with { BackgroundPerHour = v },
                "recur" => v <= 1 ? o with { RecurrenceCover = v } : throw new CliException(ExitCodes.Usage, "--detector: recur must be at most 1"),
                "intercept" => o with { CalibrationIntercept = v },
                "slope" => o with { CalibrationSlope = v },
                "duration" => o with { CalibrationDuration = v },
                _ => throw new CliException(ExitCodes.Usage, $"--detector: unknown parameter '{kv[0]}'"),
            };
        }

        return o;
    }

    private static object Score(DeviceActivityScore s) => new
    {
        s.Device,
        s.Events.Truth,
        s.Events.Detected,
        s.Events.Matched,
        s.Events.Precision,
        s.Events.Recall,
        s.Events.F1,
        s.Events.ChanceRecall,
        named_right = s.NamedRight,
        naming_accuracy = s.NamingAccuracy,
    };
}
