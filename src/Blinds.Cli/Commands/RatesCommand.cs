using System.CommandLine;

using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Reports.Rates;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>blinds rates: one device's send/receive series at a chosen bin size.</summary>
internal static class RatesCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var device = new Option<string>("--device") { Description = "The device's MAC address", Required = true };
        var bin = new Option<string>("--bin") { Description = "Bin width: 1s, 500ms, 5m...", DefaultValueFactory = _ => "1s" };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var json = CommonOptions.Json();
        var home = CommonOptions.HomeAddresses();
        var command = new Command("rates", "Bytes and packets up/down per time bin for one device (remote traffic, as an ISP would see it)")
        {
            captures, device, bin, format, home, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(device)!, r.GetValue(bin)!, r.GetValue(json) ? "json" : r.GetValue(format)!, CommonOptions.ParseHomeAddresses(r.GetValue(home))));
        return command;
    }

    private static int Run(string[] paths, string deviceText, string binText, string format, IReadOnlySet<IpAddress>? home)
    {
        if (!MacAddress.TryParse(deviceText, out var mac))
        {
            throw new CliException(ExitCodes.Usage, $"--device: '{deviceText}' is not a MAC address (expected e.g. 00:17:88:24:76:ff)");
        }

        var bin = DurationOption.Parse(binText, "--bin", "1s, 500ms, 5m");

        var options = new TraceOptions { Bin = bin, SeriesDevices = new HashSet<MacAddress> { mac }, HomeAddresses = home };
        var (trace, code) = TraceLoader.Load(paths, options);
        var device = trace.FindDevice(mac) ?? throw new CliException(ExitCodes.Usage, $"--device: {mac} sent no frame in {string.Join(", ", paths)}");
        var series = device.Rates;
        if (series is null)
        {
            throw new CliException(ExitCodes.Usage, $"--device: {mac} has no traffic to or from internet addresses");
        }

        if (format == "json")
        {
            using var stdout = Console.OpenStandardOutput();
            RatesWriter.WriteJson(mac.ToString(), series, stdout);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            RatesWriter.WriteCsv(series, Console.Out);
        }

        return code;
    }
}
