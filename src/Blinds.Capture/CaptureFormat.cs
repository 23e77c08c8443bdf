namespace Blinds.Capture;

/// <summary>The container format of a capture file, as found from its first bytes (never from its name).</summary>
public enum CaptureFormat
{
    /// <summary>Classic libpcap, any byte order, micro- or nanosecond timestamps.</summary>
    Pcap,
    /// <summary>pcapng, any number of sections and interfaces.</summary>
    PcapNg,
}
