using System.CommandLine;

using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Activity;
using Blinds.Traffic;

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
        var detector = new Option<string?>("--detector") { Description = "Detector parameters, for evaluation (key=value,...: factor, quantile, gap, sample, sigmas, ratio, similar, tolerance, cover, beats, background, recur, quiet, intercept, slope, duration; seconds for gap and sample, hours for quiet); the defaults were chosen by leave-one-capture-out" };
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
        var types = devicesPath is null ? new Dictionary<MacAddress, DeviceKind>() : CliException.GuardInput(() => DeviceLabels.ReadTypes(devicesPath));
        var signatures = SignatureFiles.Load(signaturesPath);
        var labelled = eventsPath is null ? null : CliException.GuardInput(() => EventLabels.Read(eventsPath));

        // Flow records give the ISP's view only, at the flows' resolution; a capture gives any observer's.
        ObserverView view;
        int code;
        long firstNs, lastNs;
        if (FlowInputs.AreFlows(paths))
        {
            var flows = FlowInputs.Load(paths, kind, observerGiven, home);
            (view, code, firstNs, lastNs) = (flows.View, flows.ExitCode, flows.FirstNs, flows.LastNs);
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

        var model = ActivityBuilder.Build(view, signatures, names, types, labelled, tolerance, detector, lastNs - firstNs);
        if (json)
        {
            Json.WriteToStdout(model);
        }
        else
        {
            ActivityText.Render(model, Terminal.Out);
        }

        return code;
    }

    // key=value pairs over the defaults; an unknown key or a bad number is a usage error naming it.
    private static EventDetectorOptions ParseDetector(string? text)
    {
        try
        {
            return new EventDetectorOptions().With(text);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, $"--detector: {e.Message}");
        }
    }
}
