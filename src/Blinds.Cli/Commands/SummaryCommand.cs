using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Reports;
using Blinds.Reports.Summary;

namespace Blinds.Cli.Commands;

/// <summary>blinds summary: capinfos-like header per file, then one row per device.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var json = CommonOptions.Json();
        var top = new Option<int>("--top") { Description = "Domains and SNIs listed per device", DefaultValueFactory = _ => 5 };
        var home = CommonOptions.HomeAddresses();
        var command = new Command("summary", "What is in a capture: files, devices (vendor, IPs, DHCP names, bytes up/down, top domains and SNIs), anomalies")
        {
            captures, json, top, home,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(json), r.GetValue(top), CommonOptions.ParseHomeAddresses(r.GetValue(home))));
        return command;
    }

    private static int Run(string[] paths, bool json, int top, IReadOnlySet<Blinds.Protocols.Addressing.IpAddress>? home)
    {
        var (trace, code) = TraceLoader.Load(paths, home is null ? null : new Blinds.Traffic.TraceOptions { HomeAddresses = home });
        var macs = new Blinds.Protocols.Addressing.MacAddress[trace.Devices.Count];
        for (var i = 0; i < macs.Length; i++)
        {
            macs[i] = trace.Devices[i].Mac; // not LINQ: an enumerator over a value type is JIT-compiled at every start
        }

        var model = SummaryBuilder.Build(trace, OuiDatabase.For(macs, null), Math.Max(1, top));
        if (json)
        {
            Json.WriteToStdout(model);
        }
        else if (Console.IsOutputRedirected && SummaryPlainText.TryRender(model, Terminal.RedirectedWidth) is { } plain)
        {
            Console.Out.Write(plain); // the same bytes as Spectre's, without paying for Spectre at start-up
        }
        else
        {
            RenderWithSpectre(model);
        }

        return code;
    }

    // Apart from Run so that output without Spectre never loads it (ReadyToRun resolves a method's references on entry).
    private static void RenderWithSpectre(SummaryModel model) => SummaryText.Render(model, Terminal.Out);
}
