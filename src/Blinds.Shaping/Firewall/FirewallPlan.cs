using System.Globalization;
using System.Text;

using Blinds.Defences.Specs;

namespace Blinds.Shaping.Firewall;

/// <summary>
/// Blocking and DNS concealment as deployed on the gateway (issue 17): one nftables table of Blinds' own
/// (`inet blinds`), so that `down` is one `nft delete table` and nothing else on the machine is touched. Blocking by
/// device (source MAC on the LAN interface), by remote address, and by domain through a set filled with the
/// domain's addresses when `up` resolves them; DNS concealment as an unbound forwarder speaking DNS over TLS plus a
/// rule that drops plain DNS (53/udp and 53/tcp) forwarded out of the home, so that devices with hard-coded
/// resolvers cannot fall back to plain text.
/// </summary>
public sealed record FirewallPlan
{
    /// <summary>The nftables table's family and name.</summary>
    public const string Table = "inet blinds";

    /// <summary>What to block, if anything.</summary>
    public BlockRules? Block { get; init; }

    /// <summary>True: DNS goes encrypted through the gateway's resolver and plain DNS out of the home is dropped.</summary>
    public bool ConcealDns { get; init; }

    /// <summary>The LAN interface the home's devices are on.</summary>
    public required string LanDevice { get; init; }

    /// <summary>The home's addresses (the resolver answers them only).</summary>
    public required string HomeNetwork { get; init; }

    /// <summary>The gateway's LAN address, where the resolver listens.</summary>
    public required string ResolverAddress { get; init; }

    /// <summary>DoT upstreams, "address@853#tls-name".</summary>
    public IReadOnlyList<string> Upstreams { get; init; } = ["9.9.9.9@853#dns.quad9.net", "149.112.112.112@853#dns.quad9.net"];

    /// <summary>Builds the plan from a parsed defence; null when it has nothing to deploy here.</summary>
    public static FirewallPlan? From(DefencePlan plan, string lanDevice, string homeNetwork, string resolverAddress)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Block is null && !plan.ConcealDns
            ? null
            : new FirewallPlan { Block = plan.Block, ConcealDns = plan.ConcealDns, LanDevice = lanDevice, HomeNetwork = homeNetwork, ResolverAddress = resolverAddress };
    }

    /// <summary>The ruleset `nft -f` loads (the domains' set starts empty: <see cref="FillDomains"/> fills it).</summary>
    public string Ruleset()
    {
        var b = new StringBuilder();
        b.Append("table ").Append(Table).Append(" {\n");
        var macs = Block?.Devices.Select(m => m.ToString()).Order(StringComparer.Ordinal).ToArray() ?? [];
        var v4 = Block?.Addresses.Where(a => a.IsV4).Select(a => a.ToString()).Order(StringComparer.Ordinal).ToArray() ?? [];
        var v6 = Block?.Addresses.Where(a => !a.IsV4).Select(a => a.ToString()).Order(StringComparer.Ordinal).ToArray() ?? [];
        var domains = Block?.Domains.Count > 0;
        Set(b, "blocked_devices", "ether_addr", macs);
        Set(b, "blocked_v4", "ipv4_addr", v4);
        Set(b, "blocked_v6", "ipv6_addr", v6);
        if (domains)
        {
            b.Append("  set blocked_domains_v4 {\n    type ipv4_addr\n  }\n");
            b.Append("  set blocked_domains_v6 {\n    type ipv6_addr\n  }\n");
        }

        b.Append("  chain forward {\n    type filter hook forward priority filter - 10; policy accept;\n");
        if (macs.Length > 0)
        {
            b.Append("    iifname \"").Append(LanDevice).Append("\" ether saddr @blocked_devices counter drop comment \"blinds: blocked devices\"\n");
        }

        if (v4.Length > 0)
        {
            b.Append("    ip daddr @blocked_v4 counter drop comment \"blinds: blocked addresses\"\n");
        }

        if (v6.Length > 0)
        {
            b.Append("    ip6 daddr @blocked_v6 counter drop comment \"blinds: blocked addresses\"\n");
        }

        if (domains)
        {
            b.Append("    ip daddr @blocked_domains_v4 counter drop comment \"blinds: blocked domains\"\n");
            b.Append("    ip6 daddr @blocked_domains_v6 counter drop comment \"blinds: blocked domains\"\n");
        }

        if (ConcealDns)
        {
            // Only the gateway's resolver (the input hook, not this chain) may be asked in plain text.
            b.Append("    iifname \"").Append(LanDevice).Append("\" udp dport 53 counter drop comment \"blinds: no plain DNS out of the home\"\n");
            b.Append("    iifname \"").Append(LanDevice).Append("\" tcp dport 53 counter drop comment \"blinds: no plain DNS out of the home\"\n");
        }

        b.Append("  }\n}\n");
        return b.ToString();
    }

    /// <summary>The commands that fill the domains' sets with <paramref name="resolved"/> addresses (taken at `up`).</summary>
    public static IReadOnlyList<string[]> FillDomains(IEnumerable<System.Net.IPAddress> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var all = resolved.Distinct().ToArray();
        var list = new List<string[]>();
        foreach (var (set, family) in new[] { ("blocked_domains_v4", System.Net.Sockets.AddressFamily.InterNetwork), ("blocked_domains_v6", System.Net.Sockets.AddressFamily.InterNetworkV6) })
        {
            var these = all.Where(a => a.AddressFamily == family).Select(a => a.ToString()).Order(StringComparer.Ordinal).ToArray();
            if (these.Length > 0)
            {
                list.Add(["nft", "add", "element", "inet", "blinds", set, "{ " + string.Join(", ", these) + " }"]);
            }
        }

        return list;
    }

    /// <summary>The unbound configuration of the DoT forwarder (null without DNS concealment).</summary>
    public string? ResolverConfig()
    {
        if (!ConcealDns)
        {
            return null;
        }

        var b = new StringBuilder();
        b.Append("# Written by blinds shape firewall: the home's DNS leaves only encrypted (DNS over TLS).\n");
        b.Append("server:\n");
        b.Append("    interface: ").Append(ResolverAddress).Append('\n');
        b.Append("    access-control: 0.0.0.0/0 refuse\n");
        b.Append("    access-control: ").Append(HomeNetwork).Append(" allow\n");
        b.Append("    tls-cert-bundle: /etc/ssl/certs/ca-certificates.crt\n");
        b.Append("    hide-identity: yes\n    hide-version: yes\n    qname-minimisation: yes\n");
        b.Append("forward-zone:\n    name: \".\"\n    forward-tls-upstream: yes\n");
        foreach (var u in Upstreams)
        {
            b.Append("    forward-addr: ").Append(u).Append('\n');
        }

        return b.ToString();
    }

    /// <summary>The commands that undo `up` (the table goes at once; the resolver's file is removed by `down`).</summary>
    public static IReadOnlyList<string[]> Down() => [["nft", "delete", "table", "inet", "blinds"]];

    private static void Set(StringBuilder b, string name, string type, string[] elements)
    {
        if (elements.Length == 0)
        {
            return;
        }

        b.Append(CultureInfo.InvariantCulture, $"  set {name} {{\n    type {type}\n    elements = {{ {string.Join(", ", elements)} }}\n  }}\n");
    }
}
