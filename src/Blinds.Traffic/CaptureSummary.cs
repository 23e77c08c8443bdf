using Blinds.Capture;

namespace Blinds.Traffic;

/// <summary>What capinfos would say about one capture file, measured while the trace was read.</summary>
public sealed class CaptureSummary
{
    /// <summary>The path as given.</summary>
    public required string Path { get; init; }

    /// <summary>Size on disk, when it is a file.</summary>
    public long FileBytes { get; init; }

    /// <summary>pcap or pcapng.</summary>
    public CaptureFormat Format { get; init; }

    /// <summary>How the file is compressed.</summary>
    public Compression Compression { get; init; }

    /// <summary>True for pcap files with nanosecond timestamps.</summary>
    public bool Nanosecond { get; init; }

    /// <summary>Interfaces with their link types and snap lengths.</summary>
    public IReadOnlyList<CaptureInterface> Interfaces { get; init; } = [];

    /// <summary>pcapng sections.</summary>
    public int Sections { get; init; }

    /// <summary>Packets read.</summary>
    public long Packets { get; internal set; }

    /// <summary>Bytes of packet data captured.</summary>
    public long CapturedBytes { get; internal set; }

    /// <summary>Bytes on the wire (original lengths).</summary>
    public long WireBytes { get; internal set; }

    /// <summary>Packets cut by the snap length.</summary>
    public long SnappedPackets { get; internal set; }

    /// <summary>Packets left out because of their time (<see cref="TimeGuard.TimeOutlier"/>): counted in the totals above only.</summary>
    public long TimeOutliers { get; internal set; }

    /// <summary>Earliest kept packet time (ns since the epoch), or null without packets.</summary>
    public long? FirstNs { get; internal set; }

    /// <summary>Latest kept packet time.</summary>
    public long? LastNs { get; internal set; }

    /// <summary>Set when reading stopped early; one line with file and offset.</summary>
    public string? StopError { get; internal set; }

    /// <summary>Seconds between first and last packet.</summary>
    public double DurationSeconds => FirstNs is { } f && LastNs is { } l ? (l - f) / 1e9 : 0;
}
