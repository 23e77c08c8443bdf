using System.CommandLine;

using Blinds.Reports;
using Blinds.Shaping;

namespace Blinds.Cli.Commands;

/// <summary>blinds shape: deploy link padding (the cell path, or rate-only tc) and decoys on a Linux gateway, and take them down again.</summary>
internal static class ShapeCommand
{
    public static Command Create()
    {
        var plan = new Command("plan", "Print the exact commands (tc or ip/nft), the cells, the cover and the decoys; needs no root");
        var up = new Command("up", "Apply the plan and keep the cells, cover, VIT and decoys going until SIGTERM/SIGINT or `shape down` (as root)");
        var endpoint = new Command("endpoint", "On the endpoint: the download direction (cells: --mode cells; rate-only: drop the home's cover with --drop-cover) (as root)");
        var down = new Command("down", "Stop the shaper and restore the interface exactly as it was, also after a crash (as root)");
        var status = new Command("status", "Rate, queue, drops, cover and decoys of a running shaper (as root)");
        var dev = new Option<string>("--dev") { Description = "The interface to shape (tun0 on a VPN gateway), or the TUN device the cell path creates", Required = true };
        var json = CommonOptions.Json();
        foreach (var c in new[] { plan, up, endpoint })
        {
            c.Options.Add(dev);
            foreach (var o in ShapeDefence.All.Concat([PeerOption, ListenOption, KeyOption, RouteOption, FailOption, SeedOption, QueueOption, TunMtuOption, CoverOption, LanOption, MtuOption]))
            {
                c.Options.Add(o);
            }
        }

        endpoint.Options.Add(DropOption);
        foreach (var o in new Option[] { SchedulerOption, EndpointOption, ShapeDefence.DecoyDayOption, json })
        {
            plan.Options.Add(o);
        }

        down.Options.Add(dev);
        status.Options.Add(dev);
        status.Options.Add(json);
        var interval = new Option<string>("--interval") { Description = "How long status measures", DefaultValueFactory = _ => "2s" };
        status.Options.Add(interval);

        plan.SetAction(r => Run(r, dev, r.GetValue(EndpointOption), planOnly: true, r.GetValue(json)));
        up.SetAction(r => Run(r, dev, endpoint: false, planOnly: false, json: false));
        endpoint.SetAction(r => Run(r, dev, endpoint: true, planOnly: false, json: false));
        down.SetAction(r => Down(r.GetValue(dev)!));
        status.SetAction(r => Status(r.GetValue(dev)!, r.GetValue(interval)!, r.GetValue(json)));
        return new Command("shape", "The live shaper on a Linux gateway (paper 002 §7.2): plan, up, down, status, endpoint") { plan, up, down, status, endpoint, ShapeFirewall.Create() };
    }

    internal static readonly Option<string?> PeerOption = new("--peer") { Description = "cells: the endpoint's ADDRESS:PORT (gateway)" };
    internal static readonly Option<string> ListenOption = new("--listen") { Description = "cells: the local ADDRESS:PORT cells are sent from and received on", DefaultValueFactory = _ => "0.0.0.0:51821" };
    internal static readonly Option<string?> KeyOption = new("--key-file") { Description = "cells: the 32-byte pre-shared key, the same file on both ends (head -c 32 /dev/urandom > key)" };
    internal static readonly Option<string?> RouteOption = new("--route") { Description = "cells: gateway: the home addresses whose traffic goes through the cells (e.g. 192.0.2.0/24); endpoint: the home addresses routed back into them" };
    internal static readonly Option<string> FailOption = new("--fail") { Description = "cells: closed (default: while the shaper is down the chosen traffic is blackholed) or open (it takes the ordinary route, unpadded)", DefaultValueFactory = _ => "closed" };
    internal static readonly Option<int> SeedOption = new("--seed") { Description = "cells: seed of the VIT and decoy draws", DefaultValueFactory = _ => 1 };
    internal static readonly Option<int> QueueOption = new("--queue") { Description = "cells: most packets waiting; beyond, dropped and counted", DefaultValueFactory = _ => 4096 };
    internal static readonly Option<int> TunMtuOption = new("--tun-mtu") { Description = "cells: the TUN device's MTU, the largest packet carried (fragmented into cells)", DefaultValueFactory = _ => 1500 };
    internal static readonly Option<bool> EndpointOption = new("--endpoint") { Description = "plan: the endpoint's side (cells)" };
    internal static readonly Option<string> CoverOption = new("--cover-to") { Description = "Dummy address cover is sent to (the far end drops it)", DefaultValueFactory = _ => "198.18.0.254" };
    internal static readonly Option<string?> LanOption = new("--lan-dev") { Description = "The LAN interface the chosen devices' frames arrive on" };
    internal static readonly Option<int> MtuOption = new("--mtu") { Description = "The interface's MTU: the token bucket holds one packet (default: read from the interface, else 1500)" };
    internal static readonly Option<string?> DropOption = new("--drop-cover") { Description = "endpoint: the home's cover address, dropped here" };
    internal static readonly Option<string> SchedulerOption = new("--scheduler") { Description = "plan: prio (paper 002 Fig. 8) or htb (class priorities, for kernels without sch_prio; up falls back to it by itself)", DefaultValueFactory = _ => "prio" };

    private static int Run(ParseResult r, Option<string> dev, bool endpoint, bool planOnly, bool json)
    {
        var settings = ShapeDefence.Settings(r, dev, endpoint, planOnly);
        // The rate-only plan is the gateway's (its endpoint needs --drop-cover to plan); --endpoint is the cell path's.
        return settings.IsCells ? ShapeCells.Run(settings, json) : ShapeRateOnly.Run(settings with { Endpoint = endpoint && !planOnly }, json);
    }

    private static int Down(string device)
    {
        LinuxOnly();
        var result = ShapeDefence.Guard(() => ShapeControl.Down(device, m => Console.Error.WriteLine("blinds: " + m)));
        Console.Out.WriteLine(result.Line);
        return result.Restored ? ExitCodes.Ok : ExitCodes.InputDamaged;
    }

    private static int Status(string device, string intervalText, bool json)
    {
        LinuxOnly();
        var interval = DurationOption.Parse(intervalText, "--interval", "2s");
        if (ShapeControl.IsCells(device))
        {
            var cells = ShapeDefence.Guard(() => ShapeControl.CellStatus(device));
            Render(json, cells, [ShapeControl.Line(cells)]);
            return ExitCodes.Ok;
        }

        var s = ShapeDefence.Guard(() => ShapeControl.RateOnlyStatus(device, interval));
        Render(json, s, ShapeControl.Lines(s));
        return s.Health == "degraded" ? ExitCodes.Degraded : ExitCodes.Ok;
    }

    /// <summary>Writes <paramref name="value"/> as JSON, or its lines.</summary>
    internal static void Render<T>(bool json, T value, IEnumerable<string> lines)
    {
        if (json)
        {
            Json.WriteToStdout(value);
            return;
        }

        foreach (var line in lines)
        {
            Console.Out.WriteLine(line);
        }
    }

    internal static void LinuxOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (tc, ip, TUN)");
        }
    }
}
