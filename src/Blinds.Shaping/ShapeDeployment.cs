using Blinds.Defences.Specs;
using Blinds.Defences.Stages;

namespace Blinds.Shaping;

/// <summary>
/// What of a <see cref="DefencePlan"/> `blinds shape up|endpoint` deploys, and how the simulation's slots become the
/// cell path's cells. The shaper deploys link padding (constant or VIT) and decoys inside a tunnel. Every other part
/// is refused with one line naming it and where it is deployed instead, so that nothing simulated is silently left out.
/// </summary>
/// <remarks>
/// A simulated slot of <c>size</c> bytes is an Ethernet frame (the capture's unit) that carries up to <c>size</c>
/// bytes of frame-counted packet data; the tunnel then takes off its 14 bytes of Ethernet and adds WireGuard's 60. A cell
/// of <c>size − 14 + 60</c> IP bytes carries <c>size − 14</c> bytes of IP packet (its own headers are the same 60), so
/// the observer sees the same length, the same fragments and, at <c>rate × cell / size</c> bytes a second on the wire,
/// the same slot times.
/// </remarks>
public static class ShapeDeployment
{
    /// <summary>The Ethernet header the simulation counts in every frame and the TUN device never carries.</summary>
    public const int EthernetBytes = 14;

    /// <summary>The largest cell: an IP packet that crosses a 1500-byte link whole.</summary>
    public const int MaxCellBytes = 1500;

    /// <summary>The cell's IP length for a simulated slot of <paramref name="slotBytes"/> inside a WireGuard tunnel.</summary>
    public static int CellBytes(int slotBytes) => slotBytes - EthernetBytes + TunnelProtocol.WireGuard.OverheadBytes;

    /// <summary>The simulated slot that a cell of <paramref name="cellBytes"/> IP bytes is (the inverse of <see cref="CellBytes"/>).</summary>
    public static int SlotBytes(int cellBytes) => cellBytes + EthernetBytes - TunnelProtocol.WireGuard.OverheadBytes;

    /// <summary>The cells' wire rate (IP bytes a second) that sends one cell per simulated slot of <paramref name="shaper"/>, one direction.</summary>
    public static double CellRate(ShaperOptions shaper, bool up)
    {
        ArgumentNullException.ThrowIfNull(shaper);
        return shaper.BytesPerSecond(up) * CellBytes(shaper.PacketBytes) / shaper.PacketBytes;
    }

    /// <summary>
    /// The padding part of <paramref name="plan"/>, after checking that the shaper can deploy all of it; null when
    /// <paramref name="unshaped"/> (a tunnel with no padding, to measure the cell path itself) or when the plan is a
    /// tunnel with decoys and no padding (cells leave as packets come, decoys among them).
    /// </summary>
    /// <param name="plan">The plan simulate and the audit use.</param>
    /// <param name="cells">True for the cell path, false for the rate-only mode (tc on an existing tunnel's interface).</param>
    /// <param name="unshaped">True when no padding is wanted (cells at line rate, no cover).</param>
    /// <exception cref="FormatException">One line naming the part the shaper cannot deploy.</exception>
    public static ShaperOptions? Check(DefencePlan plan, bool cells, bool unshaped = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Block is { } block)
        {
            var part = DefenceSpec.Format(DefencePlan.None with { Block = block });
            throw new FormatException($"'{part}': blocking is deployed by `blinds shape firewall up --defence '{part}'`, not by the shaper");
        }

        if (plan.ConcealDns)
        {
            var part = DefenceSpec.Format(DefencePlan.None with { ConcealDns = true, ConcealSni = plan.ConcealSni });
            throw new FormatException($"'{part}': DNS concealment is deployed by `blinds shape firewall up --defence '{part}'`, not by the shaper");
        }

        if (plan.Injection is { } injection)
        {
            var part = DefenceSpec.Format(DefencePlan.None with { Injection = injection, InjectionScope = plan.InjectionScope });
            if (injection.Timing == InjectionTiming.Stochastic)
            {
                throw new FormatException($"'{part}': stochastic padding cannot be deployed yet (it replays each device's own activity periods as cover at random times); it exists in `blinds simulate` only; decoys (decoy) can be");
            }

            if (!cells)
            {
                throw new FormatException($"'{part}': decoys are sent through the cell path (--mode cells), not the rate-only mode");
            }

            if (plan.Tunnel is null)
            {
                throw new FormatException($"'{DefenceSpec.Format(plan)}': decoys travel inside the cells' tunnel, so what the cell path deploys is tunnel+{part}; simulate and write that");
            }
        }

        var text = DefenceSpec.Format(plan);
        if (plan.Shaper is not { } shaper)
        {
            return unshaped || plan.Injection is not null
                ? null
                : throw new FormatException($"'{text}': no constant or vit part, so nothing for the shaper to pad (a VPN alone is WireGuard's job)");
        }

        var shaperPart = DefenceSpec.Format(DefencePlan.None with { Shaper = shaper, ShaperScope = plan.ShaperScope });
        if (plan.Tunnel is not { } tunnel)
        {
            throw new FormatException($"'{text}': the shaper pads inside a tunnel (the cells are one), so what it deploys is tunnel+{shaperPart}; simulate and write that");
        }

        if (!cells)
        {
            return shaper.PacketBytes > MaxCellBytes
                ? throw new FormatException($"'{shaperPart}': size={shaper.PacketBytes}: the rate-only mode's cover packets are at most {MaxCellBytes} bytes")
                : shaper;
        }

        if (tunnel != TunnelProtocol.WireGuard)
        {
            throw new FormatException($"'tunnel:protocol={tunnel.Name}': the cell path adds WireGuard's {TunnelProtocol.WireGuard.OverheadBytes} bytes to every cell, not {tunnel.Name}'s {tunnel.OverheadBytes}; plan with tunnel (WireGuard) so the simulation prices the cells sent");
        }

        if (shaper.HeaderBytes != 0)
        {
            throw new FormatException($"'{shaperPart}': header= stands for the cell path's own headers in a plan without a tunnel; with tunnel+ they are the tunnel's {TunnelProtocol.WireGuard.OverheadBytes} bytes, so leave header= out");
        }

        if (plan.ShaperScope.Windows.Count > 0)
        {
            throw new FormatException($"'{shaperPart}': the cell path cannot follow schedule= yet (the rate-only mode can: --mode rate-only)");
        }

        var maxSlot = SlotBytes(MaxCellBytes);
        return shaper.PacketBytes > maxSlot
            ? throw new FormatException($"'{shaperPart}': size={shaper.PacketBytes}: the cell path's slots are at most {maxSlot} bytes (a cell is size − {EthernetBytes} of Ethernet + {TunnelProtocol.WireGuard.OverheadBytes} of headers, at most {MaxCellBytes})")
            : shaper;
    }
}
