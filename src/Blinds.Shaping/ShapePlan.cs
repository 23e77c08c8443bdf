using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;

namespace Blinds.Shaping;

/// <summary>
/// What `blinds shape` sets up on one interface (paper 002 §7.2, Fig. 8): an HTB root whose one class runs at the
/// shaped rate with a one-packet bucket, a PRIO below it, device traffic in the high band and cover in the low band,
/// and a cover generator sending faster than the shaped rate so that a cover packet is always ready.
/// </summary>
public sealed record ShapePlan
{
    /// <summary>The interface to shape (the tunnel's, tun0, on a real gateway).</summary>
    public required string Device { get; init; }

    /// <summary>Shaped rate, bytes per second.</summary>
    public required double BytesPerSecond { get; init; }

    /// <summary>Constant or VIT.</summary>
    public ShapeMode Mode { get; init; } = ShapeMode.Constant;

    /// <summary>VIT: the rate is redrawn uniformly within rate × [1 − spread, 1 + spread].</summary>
    public double Spread { get; init; } = 0.5;

    /// <summary>VIT: how long each rate holds.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where cover goes: a dummy address the far end drops.</summary>
    public required IpAddress CoverTo { get; init; }

    /// <summary>UDP port of the cover (9, discard).</summary>
    public int CoverPort { get; init; } = 9;

    /// <summary>Size of each cover packet on the wire (IP packet), bytes (paper 002 Fig. 7: 512).</summary>
    public int CoverPacketBytes { get; init; } = 512;

    /// <summary>How much faster than the shaped rate cover is generated, so the low band never runs dry.</summary>
    public double CoverFactor { get; init; } = 1.5;

    /// <summary>The interface's MTU: the bucket holds one packet of it (plus link header).</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>Most packets waiting in the device band; beyond, the kernel drops and counts them.</summary>
    public int DeviceQueuePackets { get; init; } = 1000;

    /// <summary>Most cover packets waiting: a few, so that cover never delays device packets much.</summary>
    public int CoverQueuePackets { get; init; } = 4;

    /// <summary>Devices to shape by MAC (marked on the LAN interface with iptables); null shapes all traffic on the interface.</summary>
    public IReadOnlyList<MacAddress>? Devices { get; init; }

    /// <summary>The LAN interface the chosen devices' frames arrive on (needed with <see cref="Devices"/>).</summary>
    public string? LanDevice { get; init; }

    /// <summary>Daily UTC windows when shaping is on; empty for always.</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan End)> Schedule { get; init; } = [];

    /// <summary>On a VPN endpoint: cover arriving for this address is dropped on ingress.</summary>
    public IpAddress? DropCoverTo { get; init; }

    /// <summary>Cover generated, bytes per second.</summary>
    public double CoverBytesPerSecond => BytesPerSecond * CoverFactor;

    /// <summary>The firewall mark of chosen devices' packets.</summary>
    public const int Mark = 0xb1;

    /// <summary>The defence this shaper deploys (what `simulate` and the audit priced), canonical in `plan`'s output.</summary>
    public DefencePlan Defence { get; init; } = DefencePlan.None;

    /// <summary>
    /// The rate-only shaper that deploys <paramref name="plan"/> at <paramref name="site"/>: this end's direction at its
    /// rate, VIT's spread and period, the slot size as the cover packets' size, the plan's devices and schedule. It
    /// limits the rate but neither pads nor fragments (docs/shaping.md says what that leaks); the cell path
    /// (<see cref="Cells.CellPlan.From"/>) deploys the plan as simulated.
    /// </summary>
    /// <exception cref="FormatException">A part the shaper cannot deploy, or the site lacks what the plan needs (one line).</exception>
    public static ShapePlan From(DefencePlan plan, RateOnlySite site)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(site);
        var shaper = ShapeDeployment.Check(plan, cells: false)!;
        var devices = plan.ShaperScope.Devices?.Order().ToArray();
        if (devices is not null && site.LanDevice is null)
        {
            throw new FormatException("devices= needs --lan-dev: the chosen devices are marked by MAC where their frames arrive");
        }

        return new ShapePlan
        {
            Device = site.Device,
            BytesPerSecond = shaper.BytesPerSecond(up: !site.Endpoint),
            Mode = shaper.Vit ? ShapeMode.Vit : ShapeMode.Constant,
            Spread = shaper.Vit ? shaper.Spread : 0.5,
            Period = shaper.Period,
            CoverTo = site.CoverTo,
            CoverPacketBytes = shaper.PacketBytes,
            Mtu = site.Mtu,
            Devices = devices,
            LanDevice = devices is null ? null : site.LanDevice,
            Schedule = plan.ShaperScope.Windows,
            DropCoverTo = site.DropCoverTo,
            Defence = plan,
        };
    }
}
