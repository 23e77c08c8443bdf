using Blinds.Protocols.Addressing;

namespace Blinds.Shaping;

/// <summary>Where the rate-only shaper runs: what the machine needs besides the plan. <see cref="ShapePlan.From"/> combines the two.</summary>
public sealed record RateOnlySite
{
    /// <summary>The interface to shape (an existing tunnel's, tun0).</summary>
    public required string Device { get; init; }

    /// <summary>True on the VPN endpoint: it shapes the download.</summary>
    public bool Endpoint { get; init; }

    /// <summary>Where cover goes (a dummy address the far end drops).</summary>
    public required IpAddress CoverTo { get; init; }

    /// <summary>The interface's MTU.</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>The LAN interface the chosen devices' frames arrive on (needed when the plan names devices).</summary>
    public string? LanDevice { get; init; }

    /// <summary>On the endpoint: the home's cover address, dropped there.</summary>
    public IpAddress? DropCoverTo { get; init; }
}
