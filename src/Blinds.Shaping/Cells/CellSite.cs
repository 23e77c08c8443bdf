using System.Net;

namespace Blinds.Shaping.Cells;

/// <summary>
/// Where one end of the cell path runs: what the machine needs besides the <see cref="Defences.Specs.DefencePlan"/>
/// (addresses, interfaces, key). <see cref="CellPlan.From"/> combines the two.
/// </summary>
public sealed record CellSite
{
    /// <summary>The UDP port cells use when only the plan's tunnel endpoint names the far end.</summary>
    public const int DefaultPort = 51821;

    /// <summary>Gateway or endpoint.</summary>
    public CellRole Role { get; init; }

    /// <summary>The TUN interface to create.</summary>
    public string Tun { get; init; } = "blinds0";

    /// <summary>The local UDP address cells are sent from and received on.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The far end; the gateway needs it (or a tunnel endpoint in the plan), the endpoint learns it.</summary>
    public IPEndPoint? Peer { get; init; }

    /// <summary>Gateway: the home addresses whose traffic goes through the cells; endpoint: those routed back into them.</summary>
    public string? Route { get; init; }

    /// <summary>Gateway: the LAN interface the chosen devices' frames arrive on (needed when the plan names devices).</summary>
    public string? LanDevice { get; init; }

    /// <summary>True: while the shaper is down the chosen traffic is blackholed, never sent unpadded.</summary>
    public bool FailClosed { get; init; } = true;

    /// <summary>Seed of the VIT draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Most packets waiting (the plan's queue= bounds the bytes).</summary>
    public int QueuePackets { get; init; } = 4096;

    /// <summary>The TUN device's MTU.</summary>
    public int TunMtu { get; init; } = 1500;

    /// <summary>Gateway: the decoys the plan's decoy part sends, read from a capture of the home (`--decoys-from`).</summary>
    public Decoys.DecoyPlan? Decoys { get; init; }

    /// <summary>The pre-shared 32-byte key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>
    /// Not null: no padding (the plan is a tunnel alone), each packet leaves at once in cells of this many bytes and no
    /// cover is sent: for measuring the data path only (`--up-rate line`).
    /// </summary>
    public int? UnshapedCellBytes { get; init; }
}
