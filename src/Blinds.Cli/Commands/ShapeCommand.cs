using System.CommandLine;

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
            foreach (var o in ShapeDefence.All.Concat(ShapeDeployOptions.Deploy))
            {
                c.Options.Add(o);
            }
        }

        endpoint.Options.Add(ShapeDeployOptions.DropOption);
        foreach (var o in new Option[] { ShapeDeployOptions.SchedulerOption, ShapeDeployOptions.EndpointOption, ShapeDefence.DecoyDayOption, json })
        {
            plan.Options.Add(o);
        }

        down.Options.Add(dev);
        status.Options.Add(dev);
        status.Options.Add(json);
        var interval = new Option<string>("--interval") { Description = "How long status measures", DefaultValueFactory = _ => "2s" };
        status.Options.Add(interval);

        plan.SetAction(r => Run(r, dev, r.GetValue(ShapeDeployOptions.EndpointOption), planOnly: true, r.GetValue(json)));
        up.SetAction(r => Run(r, dev, endpoint: false, planOnly: false, json: false));
        endpoint.SetAction(r => Run(r, dev, endpoint: true, planOnly: false, json: false));
        down.SetAction(r => Down(r.GetValue(dev)!));
        status.SetAction(r => Status(r.GetValue(dev)!, r.GetValue(interval)!, r.GetValue(json)));
        return new Command("shape", "The live shaper on a Linux gateway (paper 002 §7.2): plan, up, down, status, endpoint") { plan, up, down, status, endpoint, ShapeFirewall.Create() };
    }

    private static int Run(ParseResult r, Option<string> dev, bool endpoint, bool planOnly, bool json)
    {
        var settings = ShapeDefence.Settings(r, dev, endpoint, planOnly);
        // The rate-only plan is the gateway's (its endpoint needs --drop-cover to plan); --endpoint is the cell path's.
        return settings.IsCells ? ShapeCells.Run(settings, json) : ShapeRateOnly.Run(settings with { Endpoint = endpoint && !planOnly }, json);
    }

    private static int Down(string device)
    {
        ShapeOutput.LinuxOnly();
        var result = ShapeDefence.Guard(() => ShapeControl.Down(device, m => Console.Error.WriteLine("blinds: " + m)));
        Console.Out.WriteLine(result.Line);
        return result.Restored ? ExitCodes.Ok : ExitCodes.InputDamaged;
    }

    private static int Status(string device, string intervalText, bool json)
    {
        ShapeOutput.LinuxOnly();
        var interval = DurationOption.Parse(intervalText, "--interval", "2s");
        if (ShapeControl.IsCells(device))
        {
            var cells = ShapeDefence.Guard(() => ShapeControl.CellStatus(device));
            ShapeOutput.Render(json, cells, [ShapeControl.Line(cells)]);
            return ExitCodes.Ok;
        }

        var s = ShapeDefence.Guard(() => ShapeControl.RateOnlyStatus(device, interval));
        ShapeOutput.Render(json, s, ShapeControl.Lines(s));
        return s.Health == "degraded" ? ExitCodes.Degraded : ExitCodes.Ok;
    }
}
