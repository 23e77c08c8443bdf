using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Identify;
using Blinds.Traffic;

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

        var (traffic, novelty) = CliException.GuardInput(() => ModelTraffic.Of(model, kind, paths, view));
        var result = IdentifyBuilder.Build(view, trace, signatures, traffic, labels, evaluation, showSecrets, model?.Groups, novelty);
        if (json)
        {
            Json.WriteToStdout(result);
        }
        else
        {
            IdentifyText.Render(result, Terminal.Out, showSecrets);
        }

        return code;
    }
}
