using Blinds.Defences.Specs;

namespace Blinds.Shaping.Firewall;

/// <summary>`blinds shape firewall plan|up|down` without the command line: the options checked, the plan as a typed view, `down`.</summary>
public static class FirewallBinding
{
    /// <summary>The firewall plan of <paramref name="defence"/> (a <see cref="FormatException"/>, one line, when an option is wrong).</summary>
    public static FirewallPlan Plan(string defence, string lanDevice, string homeNetwork, string resolver)
    {
        ArgumentNullException.ThrowIfNull(defence);
        DefencePlan parsed;
        try
        {
            parsed = DefenceSpec.Parse(defence);
        }
        catch (FormatException e)
        {
            throw new FormatException("--defence: " + e.Message, e);
        }

        var dev = ShapeBinding.Interface(lanDevice, "--lan-dev");
        if (!System.Net.IPNetwork.TryParse(homeNetwork, out var net))
        {
            throw new FormatException($"--home-net: '{homeNetwork}' is not a prefix such as 192.168.1.0/24");
        }

        if (!System.Net.IPAddress.TryParse(resolver, out var at))
        {
            throw new FormatException($"--resolver: '{resolver}' is not an address");
        }

        return FirewallPlan.From(parsed, dev, net.ToString(), at.ToString())
            ?? throw new FormatException($"--defence: '{defence}' has no block or conceal-dns part to deploy here (shaping: blinds shape up)");
    }

    /// <summary>Removes Blinds' table and resolver configuration; the lines say what was undone.</summary>
    /// <exception cref="ShapingException">No Blinds firewall is up.</exception>
    public static ShapeDownResult Down(Action<string> log)
    {
        var state = ShapeState.Read(FirewallSession.StateName) ?? throw new ShapingException($"no Blinds firewall is up (no state in {ShapeState.Directory})");
        Teardown.Undo(state, log);
        var now = state.Current();
        return new ShapeDownResult(now == state.Before ? "nftables tables as before" : $"nftables tables differ from before: now '{now}', was '{state.Before}'", now == state.Before);
    }
}

/// <summary>`shape firewall plan` as a typed result.</summary>
/// <param name="Table">Blinds' nftables table.</param>
/// <param name="Nft">The ruleset, as `nft -f` reads it.</param>
/// <param name="Domains">How the domain sets are filled at `up`; null without domains.</param>
/// <param name="Resolver">The unbound configuration; null without DNS concealment.</param>
/// <param name="Down">The commands that undo it.</param>
public sealed record FirewallPlanView(string Table, string Nft, string? Domains, string? Resolver, IReadOnlyList<string> Down)
{
    /// <summary>The view of <paramref name="plan"/>.</summary>
    public static FirewallPlanView Of(FirewallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var fill = plan.Block?.Domains.Count > 0
            ? "at up, each domain is resolved and its addresses added with: nft add element inet blinds blocked_domains_v4 { ADDRESSES } (and _v6); run up again to refresh them"
            : null;
        return new FirewallPlanView(FirewallPlan.Table, plan.Ruleset(), fill, plan.ResolverConfig(), FirewallPlan.Down().Select(TcScript.Render).ToArray());
    }

    /// <summary>For people: a script to read or run.</summary>
    public IEnumerable<string> Lines()
    {
        yield return "# nft -f - <<'EOF'";
        foreach (var line in Nft.TrimEnd('\n').Split('\n'))
        {
            yield return line;
        }

        yield return "# EOF";
        if (Domains is not null)
        {
            yield return "# domains: " + Domains;
        }

        if (Resolver is { } conf)
        {
            yield return "# unbound (DNS over TLS forwarder), e.g. /etc/unbound/unbound.conf.d/blinds.conf:";
            foreach (var line in conf.TrimEnd('\n').Split('\n'))
            {
                yield return "#   " + line;
            }
        }

        yield return "# down:";
        foreach (var c in Down)
        {
            yield return c;
        }
    }
}
