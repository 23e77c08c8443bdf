using System.Text.Json;

namespace Blinds.Shaping.Cells;

/// <summary>The counters of one end of the cell path, written every second for `shape status` and the e2e script.</summary>
public sealed record CellStats
{
    /// <summary>JSON with snake_case names.</summary>
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>gateway or endpoint.</summary>
    public string Role { get; init; } = string.Empty;

    /// <summary>The TUN device.</summary>
    public string Tun { get; init; } = string.Empty;

    /// <summary>Cell size (IP length).</summary>
    public int CellBytes { get; init; }

    /// <summary>Sending rate now in force, bytes per second (0: unshaped).</summary>
    public double Rate { get; init; }

    /// <summary>Packets read from the TUN device.</summary>
    public long PacketsIn { get; init; }

    /// <summary>Their IP bytes.</summary>
    public long BytesIn { get; init; }

    /// <summary>Cells sent with packet data.</summary>
    public long RealCells { get; init; }

    /// <summary>Cover cells sent.</summary>
    public long CoverCells { get; init; }

    /// <summary>Cells not sent (no peer, unreachable).</summary>
    public long SendErrors { get; init; }

    /// <summary>Packets dropped, queue full.</summary>
    public long QueueDrops { get; init; }

    /// <summary>Packets waiting.</summary>
    public int Queued { get; init; }

    /// <summary>Authentic cells received.</summary>
    public long CellsIn { get; init; }

    /// <summary>Datagrams rejected (forged, replayed, wrong size).</summary>
    public long Rejected { get; init; }

    /// <summary>Packets reassembled into the TUN device.</summary>
    public long PacketsOut { get; init; }

    /// <summary>Packets lost in reassembly.</summary>
    public long ReassemblyDrops { get; init; }

    /// <summary>Cells sent for decoys.</summary>
    public long DecoyCells { get; init; }

    /// <summary>Decoy cells received (discarded).</summary>
    public long DecoyCellsIn { get; init; }

    /// <summary>Decoy bursts started (gateway) or download requests answered (endpoint).</summary>
    public long DecoyBursts { get; init; }

    /// <summary>Decoy packets dropped, their queue full.</summary>
    public long DecoyDrops { get; init; }

    /// <summary>When the next decoy starts (gateway with decoys).</summary>
    public DateTimeOffset? NextDecoy { get; init; }

    /// <summary>Mean queueing delay of sent packets, ms.</summary>
    public double DelayMeanMs { get; init; }

    /// <summary>Median, ms.</summary>
    public double DelayP50Ms { get; init; }

    /// <summary>95th percentile, ms.</summary>
    public double DelayP95Ms { get; init; }

    /// <summary>Longest, ms.</summary>
    public double DelayMaxMs { get; init; }

    /// <summary>When written.</summary>
    public DateTimeOffset Updated { get; init; }
}
