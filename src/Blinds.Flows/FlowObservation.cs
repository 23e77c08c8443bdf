using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// One unidirectional flow as an exporter reports it: the 5-tuple, first and last packet times, bytes (IP layer, as
/// NetFlow and IPFIX count them) and packets. What an ISP keeps instead of packets.
/// </summary>
public readonly record struct FlowObservation
{
    /// <summary>Format of the record.</summary>
    public FlowSource Source { get; init; }

    /// <summary>First packet, Unix nanoseconds (UTC).</summary>
    public long StartNs { get; init; }

    /// <summary>Last packet, Unix nanoseconds (UTC); equal to <see cref="StartNs"/> for one-packet flows.</summary>
    public long EndNs { get; init; }

    /// <summary>Sender's address.</summary>
    public IpAddress SourceIp { get; init; }

    /// <summary>Receiver's address.</summary>
    public IpAddress DestinationIp { get; init; }

    /// <summary>Sender's port (0 for protocols without ports).</summary>
    public ushort SourcePort { get; init; }

    /// <summary>Receiver's port (0 for protocols without ports).</summary>
    public ushort DestinationPort { get; init; }

    /// <summary>IP protocol number (6 TCP, 17 UDP...).</summary>
    public byte Protocol { get; init; }

    /// <summary>Bytes at the IP layer (headers included).</summary>
    public long Bytes { get; init; }

    /// <summary>Packets.</summary>
    public long Packets { get; init; }

    /// <summary>The sender's MAC when the exporter reports it (IPFIX/v9 field 56, else 81), else zero.</summary>
    public ulong SourceMac { get; init; }

    /// <summary>The receiver's MAC when the exporter reports it (field 80, else 57 as softflowd -T ether sends it), else zero.</summary>
    public ulong DestinationMac { get; init; }

    /// <summary>Seconds from first to last packet.</summary>
    public double DurationSeconds => (EndNs - StartNs) / 1e9;
}
