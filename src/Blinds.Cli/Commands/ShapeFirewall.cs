using System.CommandLine;

using Blinds.Shaping;
using Blinds.Shaping.Firewall;

namespace Blinds.Cli.Commands;

/// <summary>`blinds shape firewall plan|up|down`: blocking and DNS concealment from a defence spec, as nftables rules and an unbound configuration.</summary>
internal static class ShapeFirewall
{
    public static Command Create()
    {
        var defence = new Option<string>("--defence", "-d") { Description = "The defence as simulate spells it; its block and conceal-dns parts are deployed here, e.g. \"block:domain=ads.example;address=203.0.113.7+conceal-dns\"", Required = true };
        var lan = new Option<string>("--lan-dev") { Description = "The LAN interface the home's devices are on", Required = true };
        var home = new Option<string>("--home-net") { Description = "The home's addresses (the resolver answers them only)", DefaultValueFactory = _ => "192.168.1.0/24" };
        var resolver = new Option<string>("--resolver") { Description = "The gateway's LAN address, where the DoT forwarder listens", DefaultValueFactory = _ => "192.168.1.1" };
        var conf = new Option<string?>("--resolver-conf") { Description = "up: where to write the unbound configuration (e.g. /etc/unbound/unbound.conf.d/blinds.conf)" };
        var json = CommonOptions.Json();
        var plan = new Command("plan", "Print the nftables table and the resolver configuration; needs no root") { defence, lan, home, resolver, json };
        var up = new Command("up", "Load the nftables table (and write the resolver configuration) after writing the state that undoes it (as root)") { defence, lan, home, resolver, conf };
        var down = new Command("down", "Remove the table and the resolver configuration, and say what was undone (as root)");
        FirewallPlan Read(ParseResult r) => ShapeDefence.Guard(() => FirewallBinding.Plan(r.GetValue(defence)!, r.GetValue(lan)!, r.GetValue(home)!, r.GetValue(resolver)!));
        plan.SetAction(r =>
        {
            var view = FirewallPlanView.Of(Read(r));
            ShapeOutput.Render(r.GetValue(json), view, view.Lines());
            return ExitCodes.Ok;
        });
        up.SetAction(r =>
        {
            var p = Read(r);
            ShapeOutput.Render(false, 0, ShapeDefence.Guard(() => FirewallSession.Up(p, r.GetValue(conf))));
            return ExitCodes.Ok;
        });
        down.SetAction(_ =>
        {
            var result = ShapeDefence.Guard(() => FirewallBinding.Down(m => Console.Out.WriteLine(m)));
            Console.Out.WriteLine(result.Line);
            return result.Restored ? ExitCodes.Ok : ExitCodes.InputDamaged;
        });
        return new Command("firewall", "Blocking and DNS concealment on the gateway (nftables table inet blinds, unbound DoT forwarder)") { plan, up, down };
    }
}
