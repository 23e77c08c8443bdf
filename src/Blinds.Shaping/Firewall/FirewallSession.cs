using System.Net;

namespace Blinds.Shaping.Firewall;

/// <summary>
/// Applies a <see cref="FirewallPlan"/> once (the rules stay in the kernel; no process keeps them) after writing the
/// state that undoes it, and undoes it from that state.
/// </summary>
public static class FirewallSession
{
    /// <summary>The name the state is kept under.</summary>
    public const string StateName = "firewall";

    /// <summary>What `nft list table` and the resolver file say now, to compare before and after.</summary>
    public static IReadOnlyList<string[]> Snapshot() => [["nft", "list", "tables"]];

    /// <summary>Applies the plan; returns what it did, line by line.</summary>
    public static IReadOnlyList<string> Up(FirewallPlan plan, string? resolverFile)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!Environment.IsPrivilegedProcess)
        {
            throw new ShapingException("blinds shape firewall up must run as root: it loads nftables rules");
        }

        if (!Directory.Exists($"/sys/class/net/{plan.LanDevice}"))
        {
            throw new ShapingException($"--lan-dev: {plan.LanDevice}: no such network interface");
        }

        if (ShapeState.Read(StateName) is not null)
        {
            throw new ShapingException("a Blinds firewall is already up; run `blinds shape firewall down` first");
        }

        if (plan.ConcealDns && resolverFile is not null && File.Exists(resolverFile))
        {
            throw new ShapingException($"--resolver-conf: {resolverFile} exists; Blinds does not overwrite it");
        }

        // Resolve the domains before changing anything: a name that does not resolve is said, not guessed at.
        var done = new List<string>();
        var addresses = new List<IPAddress>();
        foreach (var d in plan.Block?.Domains.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
        {
            try
            {
                var found = Dns.GetHostAddresses(d);
                addresses.AddRange(found);
                done.Add($"{d}: {found.Length} addresses blocked ({string.Join(", ", found.Select(a => a.ToString()))})");
            }
            catch (System.Net.Sockets.SocketException e)
            {
                done.Add($"{d}: not resolved here ({e.Message}); nothing blocked for it until `up` is run again");
            }
        }

        var before = ShapeState.Take(Snapshot());
        var undo = FirewallPlan.Down().ToList();
        if (plan.ConcealDns && resolverFile is not null)
        {
            undo.Add(["rm", "-f", resolverFile]);
        }

        var state = new ShapeState { Pid = 0, Device = StateName, Before = before, Undo = undo, Snapshot = Snapshot(), Kind = "firewall", Summary = "nftables table inet blinds" + (plan.ConcealDns ? ", DoT resolver" : string.Empty), Started = DateTimeOffset.UtcNow };
        state.Create();
        try
        {
            var rules = Path.Combine(ShapeState.Directory, "firewall.nft");
            File.WriteAllText(rules, plan.Ruleset());
            CommandRunner.Run(["nft", "-f", rules]);
            done.Insert(0, $"loaded table {FirewallPlan.Table} from {rules}");
            foreach (var c in FirewallPlan.FillDomains(addresses))
            {
                CommandRunner.Run(c);
            }

            if (plan.ResolverConfig() is { } conf && resolverFile is not null)
            {
                File.WriteAllText(resolverFile, conf);
                done.Add($"wrote the DoT forwarder's configuration to {resolverFile}: check it with unbound-checkconf and reload unbound");
            }

            return done;
        }
        catch
        {
            Teardown.Undo(state, _ => { });
            throw;
        }
    }
}
