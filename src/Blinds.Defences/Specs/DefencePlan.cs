using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>
/// A composed defence: the one typed value that simulate, frontier, tolerance, the audit and the shaper consume.
/// Read from text by <see cref="DefenceSpec.Parse"/>, written back canonically by <see cref="ToString"/>
/// (<see cref="DefenceSpec.Format"/>); parsing the canonical text gives an equal plan (value equality: the sets
/// inside compare by members). The stages always apply in a gateway's order, whatever the order written: block,
/// inject (STP, decoys), shape, tunnel; DNS concealment changes only which names the observer reads.
/// </summary>
public sealed record DefencePlan
{
    /// <summary>The VPN endpoint the ISP sees unless one is given (a documentation address, RFC 5737).</summary>
    public static readonly IpAddress DefaultEndpoint = IpAddress.FromV4(0xcb00_7101); // 203.0.113.1

    /// <summary>No defence.</summary>
    public static DefencePlan None { get; } = new();

    /// <summary>Block rules, if any.</summary>
    public BlockRules? Block { get; init; }

    /// <summary>DNS invisible to the ISP (DNS over TLS/HTTPS to a resolver outside its view).</summary>
    public bool ConcealDns { get; init; }

    /// <summary>SNI invisible too (Encrypted Client Hello); only with <see cref="ConcealDns"/>.</summary>
    public bool ConcealSni { get; init; }

    /// <summary>VPN protocol, if tunnelled.</summary>
    public TunnelProtocol? Tunnel { get; init; }

    /// <summary>The VPN endpoint the ISP sees.</summary>
    public IpAddress Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Link padding, if shaped: constant rate, or VIT when its spread is above 0; each direction at its own rate.</summary>
    public ShaperOptions? Shaper { get; init; }

    /// <summary>Which traffic and hours the shaper covers.</summary>
    public MacScope ShaperScope { get; init; } = MacScope.All;

    /// <summary>Injected cover activity, if any.</summary>
    public InjectionOptions? Injection { get; init; }

    /// <summary>Which devices and hours get injected activity.</summary>
    public MacScope InjectionScope { get; init; } = MacScope.All;

    /// <summary>This plan with a WireGuard (or <paramref name="protocol"/>) tunnel.</summary>
    public DefencePlan WithTunnel(TunnelProtocol? protocol = null) => this with { Tunnel = protocol ?? TunnelProtocol.WireGuard };

    /// <summary>This plan with link padding, over <paramref name="scope"/> (default: every device, all day).</summary>
    public DefencePlan WithShaper(ShaperOptions shaper, MacScope? scope = null) => this with { Shaper = shaper, ShaperScope = scope ?? MacScope.All };

    /// <summary>This plan with injected activity, over <paramref name="scope"/> (default: every device, all day).</summary>
    public DefencePlan WithInjection(InjectionOptions injection, MacScope? scope = null) => this with { Injection = injection, InjectionScope = scope ?? MacScope.All };

    /// <summary>The canonical spec (<see cref="DefenceSpec.Format"/>): "tunnel+constant:rate=10KB/s".</summary>
    public override string ToString() => DefenceSpec.Format(this);
}
