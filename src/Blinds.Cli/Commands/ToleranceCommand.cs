using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Scoring;
using Blinds.Defences.Costs;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Tolerance;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds tolerance: the lowest shaped rate each device (and the whole home) works with (paper 002 Fig. 9), found by search.</summary>
internal static class ToleranceCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var labels = new Option<string?>("--labels") { Description = "Devices file (mac,name[,type]); its type column gives each device's kind" };
        var latency = new Option<string?>("--latency") { Description = "How much delay each kind of device works with (JSON; default: paper 002 Fig. 9)" };
        var size = new Option<int>("--size") { Description = "Slot size in bytes", DefaultValueFactory = _ => 512 };
        var home = CommonOptions.HomeAddresses();
        var json = CommonOptions.Json();
        var command = new Command("tolerance", "The lowest constant shaped rate at which each device, and the whole home, keeps its delays within what it works with (paper 002 Fig. 9), and what that costs")
        {
            captures, labels, latency, size, home, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(labels), r.GetValue(latency), r.GetValue(size), CommonOptions.ParseHomeAddresses(r.GetValue(home)), r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, string? labelsPath, string? latencyPath, int size, IReadOnlySet<IpAddress>? home, bool json)
    {
        if (size is < 64 or > 65_535)
        {
            throw new CliException(ExitCodes.Usage, "--size: 64 to 65535 bytes");
        }

        var devices = labelsPath is null ? DeviceLabelSet.None : CliException.GuardInput(() => DeviceLabels.Load(labelsPath));
        var tolerances = latencyPath is null ? LatencyTolerance.Papers() : CliException.GuardInput(() => LatencyTolerance.Load(latencyPath));
        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { HomeAddresses = home });
        var kinds = DeviceKinds.Of(trace, devices.Kinds);

        ToleranceModel model;
        try
        {
            model = ToleranceBuilder.Build(paths, trace, kinds, tolerances, size, devices.Names, home);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }

        if (json)
        {
            Json.WriteToStdout(model);
        }
        else
        {
            ToleranceText.Render(model, Terminal.Out);
        }

        return code;
    }
}
