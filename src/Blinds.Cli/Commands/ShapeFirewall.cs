using System.CommandLine;

using Blinds.Defences.Specs;
using Blinds.Reports;
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
        plan.SetAction(r => Plan(Read(r, defence, lan, home, resolver), r.GetValue(json)));
        up.SetAction(r => Up(Read(r, defence, lan, home, resolver), r.GetValue(conf)));
        down.SetAction(_ => Down());
        return new Command("firewall", "Blocking and DNS concealment on the gateway (nftables table inet blinds, unbound DoT forwarder)") { plan, up, down };
    }

    private static FirewallPlan Read(ParseResult r, Option<string> defence, Option<string> lan, Option<string> home, Option<string> resolver)
    {
        DefencePlan parsed;
        try
        {
            parsed = DefenceSpec.Parse(r.GetValue(defence)!);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, "--defence: " + e.Message);
        }

        var dev = r.GetValue(lan)!;
        if (dev.Length is 0 or > 15 || dev.Any(ch => char.IsWhiteSpace(ch) || ch is '/' or '"'))
        {
            throw new CliException(ExitCodes.Usage, $"--lan-dev: '{dev}' is not an interface name");
        }

        if (!System.Net.IPNetwork.TryParse(r.GetValue(home)!, out var net))
        {
            throw new CliException(ExitCodes.Usage, $"--home-net: '{r.GetValue(home)}' is not a prefix such as 192.168.1.0/24");
        }

        if (!System.Net.IPAddress.TryParse(r.GetValue(resolver)!, out var at))
        {
            throw new CliException(ExitCodes.Usage, $"--resolver: '{r.GetValue(resolver)}' is not an address");
        }

        return FirewallPlan.From(parsed, dev, net.ToString(), at.ToString())
            ?? throw new CliException(ExitCodes.Usage, $"--defence: '{r.GetValue(defence)}' has no block or conceal-dns part to deploy here (shaping: blinds shape up)");
    }

    private static int Plan(FirewallPlan plan, bool json)
    {
        var rules = plan.Ruleset();
        var fill = plan.Block?.Domains.Count > 0
            ? "at up, each domain is resolved and its addresses added with: nft add element inet blinds blocked_domains_v4 { ADDRESSES } (and _v6); run up again to refresh them"
            : null;
        var down = FirewallPlan.Down().Select(TcScript.Render).ToArray();
        if (json)
        {
            Json.WriteToStdout(new { table = FirewallPlan.Table, nft = rules, domains = fill, resolver = plan.ResolverConfig(), down });
            return ExitCodes.Ok;
        }

        var w = Console.Out;
        w.WriteLine("# nft -f - <<'EOF'");
        w.Write(rules);
        w.WriteLine("# EOF");
        if (fill is not null)
        {
            w.WriteLine("# domains: " + fill);
        }

        if (plan.ResolverConfig() is { } conf)
        {
            w.WriteLine("# unbound (DNS over TLS forwarder), e.g. /etc/unbound/unbound.conf.d/blinds.conf:");
            foreach (var line in conf.TrimEnd('\n').Split('\n'))
            {
                w.WriteLine("#   " + line);
            }
        }

        w.WriteLine("# down:");
        foreach (var c in down)
        {
            w.WriteLine(c);
        }

        return ExitCodes.Ok;
    }

    private static int Up(FirewallPlan plan, string? resolverFile)
    {
        try
        {
            foreach (var line in FirewallSession.Up(plan, resolverFile))
            {
                Console.Out.WriteLine(line);
            }

            return ExitCodes.Ok;
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }

    private static int Down()
    {
        try
        {
            if (ShapeState.Read(FirewallSession.StateName) is not { } state)
            {
                throw new CliException(ExitCodes.InputError, $"no Blinds firewall is up (no state in {ShapeState.Directory})");
            }

            Teardown.Undo(state, m => Console.Out.WriteLine(m));
            var now = state.Current();
            Console.Out.WriteLine(now == state.Before ? "nftables tables as before" : $"nftables tables differ from before: now '{now}', was '{state.Before}'");
            return now == state.Before ? ExitCodes.Ok : ExitCodes.InputDamaged;
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }
}
