using System.Net;

namespace Blinds.Shaping.Cells;

/// <summary>One end of the cell path: what it sends, how fast, and where.</summary>
public sealed record CellOptions
{
    /// <summary>Gateway or endpoint.</summary>
    public CellRole Role { get; init; }

    /// <summary>The TUN interface the chosen traffic is routed into.</summary>
    public string Tun { get; init; } = "blinds0";

    /// <summary>The local UDP address cells are sent from and received on.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The far end (the gateway must know it; the endpoint learns it from the first authentic cell).</summary>
    public IPEndPoint? Peer { get; init; }

    /// <summary>Every cell's IP length on the wire.</summary>
    public int CellBytes { get; init; } = 512;

    /// <summary>This side's sending rate, bytes per second of cells on the wire; 0 sends each packet at once, no cover (unshaped: for measuring the data path).</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>VIT: the rate is redrawn every <see cref="Period"/> within rate × [1 − spread, 1 + spread]; 0 is constant.</summary>
    public double Spread { get; init; }

    /// <summary>VIT: how long each rate holds.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the VIT draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The TUN device's MTU: the largest packet carried (fragmented into cells).</summary>
    public int TunMtu { get; init; } = 1500;

    /// <summary>Most packets waiting to be sent.</summary>
    public int QueuePackets { get; init; } = 4096;

    /// <summary>Most bytes waiting to be sent (the simulation's default, 4 MiB).</summary>
    public long QueueBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Gateway: the decoys it sends (the plan's decoy part), else null.</summary>
    public Decoys.DecoyPlan? Decoys { get; init; }

    /// <summary>The pre-shared 32-byte key.</summary>
    public required byte[] Key { get; init; }
}
