namespace Blinds.Capture;

/// <summary>One capture interface: classic pcap has one, pcapng one per interface description block.</summary>
/// <param name="Id">Index within its section (pcapng) or 0.</param>
/// <param name="LinkType">Link-layer type.</param>
/// <param name="SnapLength">Snap length, 0 when unlimited.</param>
/// <param name="Name">if_name, when given.</param>
/// <param name="TimestampUnitsPerSecond">Resolution of timestamps on this interface.</param>
public sealed record CaptureInterface(int Id, LinkType LinkType, int SnapLength, string? Name, long TimestampUnitsPerSecond)
{
    /// <summary>Packets the interface says it dropped (pcapng ISB isb_ifdrop), when known.</summary>
    public long? Dropped { get; set; }
}
