using System.CommandLine;
using System.Globalization;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Leaks;
using Blinds.Reports;

using Spectre.Console;

namespace Blinds.Cli.Commands;

/// <summary>blinds identify: what the LAN observer can tell about each device, which MACs are one device, and what leaks.</summary>
internal static class IdentifyCommand
{
    public static Command Create()
    {
        var captures = CommonOptions.Captures();
        var secrets = new Option<bool>("--show-secrets") { Description = "Show credentials found in plain HTTP (redacted by default)" };
        var signatures = new Option<string?>("--signatures") { Description = "Name signatures (from `blinds fingerprint learn`) to label each device with" };
        var json = CommonOptions.Json();
        var command = new Command("identify", "Per device: vendor, DHCP fingerprint, names; MACs that are one device; leaks on the LAN (the LAN observer)")
        {
            captures, secrets, signatures, json,
        };
        command.SetAction(r => Run(r.GetValue(captures)!, r.GetValue(secrets), r.GetValue(signatures), r.GetValue(json)));
        return command;
    }

    private static int Run(string[] paths, bool showSecrets, string? signaturesPath, bool json)
    {
        var signatures = signaturesPath is null ? null : CliException.GuardInput(() => NameSignatures.Load(signaturesPath));
        var (trace, code) = TraceLoader.Load(paths);
        var oui = OuiDatabase.For(trace.Devices.Select(d => d.Mac));
        var devices = trace.HomeDevices.Select(d => new
        {
            mac = d.Mac.ToString(),
            label = signatures?.Identify(DeviceNames.Of(d)) is { Label: { } l, Score: var sc } ? new { name = l, score = Math.Round(sc, 3) } : null,
            vendor = d.Mac.IsLocallyAdministered ? null : oui.Lookup(d.Mac),
            randomised = d.Mac.IsLocallyAdministered,
            dhcp_host_names = d.DhcpHostNames.Values,
            dhcp_vendor_classes = d.DhcpVendorClasses.Values,
            dhcp_parameter_lists = d.DhcpParameterLists.Values,
            dns_names = d.DnsQueries.Top(10).Select(n => n.Key),
            tls_server_names = d.TlsServerNames.Top(10).Select(n => n.Key),
            mdns_names = d.MdnsNames.Top(5).Select(n => n.Key),
            ssdp_servers = d.SsdpServers.Values,
            http_user_agents = d.HttpUserAgents.Top(3).Select(n => n.Key),
        }).ToArray();
        var linked = MacLinker.Link(trace);
        var leaks = LeakFinder.Find(trace, showSecrets);
        if (json)
        {
            Json.WriteToStdout(new
            {
                observer = "lan",
                devices,
                linked = linked.Select(l => new { macs = l.Macs.Select(m => m.ToString()), l.Evidence, l.Confidence }),
                leaks = leaks.Select(l => new { device = l.Device.ToString(), kind = l.Kind, l.Evidence, l.Count }),
            });
            return code;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("What the LAN observer tells about each device");
        foreach (var h in new[] { "MAC", "vendor", "signature", "DHCP host / vendor class", "DHCP options (55)", "names (DNS, SNI, mDNS, SSDP)" })
        {
            table.AddColumn(h);
        }

        foreach (var d in devices)
        {
            table.AddRow(
                new Text(d.mac + (d.randomised ? "\n(randomised)" : string.Empty)),
                new Text(d.vendor ?? "?"),
                new Text(d.label is null ? (signatures is null ? "-" : "?") : $"{d.label.name} ({d.label.score.ToString("0.00", CultureInfo.InvariantCulture)})"),
                new Text(string.Join("\n", d.dhcp_host_names.Concat(d.dhcp_vendor_classes))),
                new Text(string.Join("\n", d.dhcp_parameter_lists)),
                new Text(string.Join("\n", d.dns_names.Union(d.tls_server_names).Concat(d.mdns_names).Concat(d.ssdp_servers).Distinct().Take(6))));
        }

        Terminal.Out.Write(table);
        foreach (var l in linked)
        {
            Terminal.Out.MarkupLine($"[bold]One device:[/] {Markup.Escape(string.Join(", ", l.Macs))} ({Markup.Escape(string.Join("; ", l.Evidence))}; confidence {l.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        var lt = new Table().Border(TableBorder.Simple).Title(showSecrets ? "Leaks on the LAN (secrets shown)" : "Leaks on the LAN (secrets redacted; --show-secrets shows them)");
        lt.AddColumn("device").AddColumn("what").AddColumn(new TableColumn("count").RightAligned()).AddColumn("evidence");
        foreach (var l in leaks)
        {
            lt.AddRow(new Text(l.Device.ToString()), new Text(l.Kind.ToString()), new Text(Formatting.Count(l.Count)), new Text(l.Evidence));
        }

        Terminal.Out.Write(lt);
        return code;
    }
}
