using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>What to block (paper 002 §6.1): devices, domains (and their subdomains) and remote addresses.</summary>
/// <param name="Devices">MACs whose internet traffic is dropped.</param>
/// <param name="Domains">Names whose addresses are dropped.</param>
/// <param name="Addresses">Remote addresses dropped.</param>
public sealed record BlockRules(IReadOnlySet<MacAddress> Devices, IReadOnlySet<string> Domains, IReadOnlySet<IpAddress> Addresses);

/// <summary>
/// A composed defence, as `blinds simulate --defence` spells it. The stages always apply in a gateway's order,
/// whatever the order written: block, inject (STP, decoys), shape, tunnel; DNS concealment changes only which
/// names the observer reads.
/// </summary>
public sealed record DefencePlan
{
    /// <summary>The spec as written.</summary>
    public string Text { get; init; } = "none";

    /// <summary>Block rules, if any.</summary>
    public BlockRules? Block { get; init; }

    /// <summary>DNS invisible to the ISP (DNS over TLS/HTTPS to a resolver outside its view).</summary>
    public bool ConcealDns { get; init; }

    /// <summary>SNI invisible too (Encrypted Client Hello).</summary>
    public bool ConcealSni { get; init; }

    /// <summary>VPN protocol, if tunnelled.</summary>
    public TunnelProtocol? Tunnel { get; init; }

    /// <summary>The VPN endpoint the ISP sees (a documentation address by default, RFC 5737).</summary>
    public IpAddress Endpoint { get; init; } = IpAddress.FromV4(0xcb00_7101); // 203.0.113.1

    /// <summary>Link padding, if shaped.</summary>
    public ShaperOptions? Shaper { get; init; }

    /// <summary>Which traffic and hours the shaper covers.</summary>
    public MacScope ShaperScope { get; init; } = MacScope.All;

    /// <summary>Injected cover activity, if any.</summary>
    public InjectionOptions? Injection { get; init; }

    /// <summary>Which devices and hours get injected activity.</summary>
    public MacScope InjectionScope { get; init; } = MacScope.All;
}

/// <summary>A <see cref="Scope"/> as written, with MACs rather than device indices.</summary>
/// <param name="Devices">Chosen devices; null for all.</param>
/// <param name="Windows">Daily UTC windows; empty for all day.</param>
public sealed record MacScope(IReadOnlySet<MacAddress>? Devices, IReadOnlyList<(TimeSpan Start, TimeSpan End)> Windows)
{
    /// <summary>Everything, all day.</summary>
    public static MacScope All { get; } = new(null, []);

    /// <summary>The scope over device indices of <paramref name="devices"/>.</summary>
    public Scope Resolve(IReadOnlyList<MacAddress> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return new Scope
        {
            Devices = Devices is null ? null : devices.Select((m, i) => (m, i)).Where(x => Devices.Contains(x.m)).Select(x => x.i).ToHashSet(),
            Windows = Windows,
        };
    }
}
