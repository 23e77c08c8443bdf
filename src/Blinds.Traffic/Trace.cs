using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Devices;

namespace Blinds.Traffic;

/// <summary>
/// One home's traffic as the home itself knows it: the captures read, the devices (with the gateway marked), the
/// streams per device and remote service, the names the home resolved, and every anomaly met on the way.
/// </summary>
public sealed class Trace
{
    private Dictionary<MacAddress, Device>? byMac;

    internal Trace(
        IReadOnlyList<CaptureSummary> captures,
        IReadOnlyList<Device> devices,
        IReadOnlyList<ServiceStream> streams,
        IReadOnlyDictionary<IpAddress, string> names,
        IReadOnlyDictionary<IpAddress, string> sniNames,
        AnomalyLog anomalies,
        long flows,
        int peakOpenFlows)
    {
        Captures = captures;
        Devices = devices;
        Streams = streams;
        AddressNames = names;
        SniNames = sniNames;
        Anomalies = anomalies;
        FlowCount = flows;
        PeakOpenFlows = peakOpenFlows;
        Gateway = devices.FirstOrDefault(d => d.IsGateway);
    }

    /// <summary>The capture files, in the order read.</summary>
    public IReadOnlyList<CaptureSummary> Captures { get; }

    /// <summary>Every station that sent at least one frame, by MAC, gateway included (see <see cref="Device.IsGateway"/>).</summary>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>The home's router, found from the traffic: the station that forwards frames from remote addresses.</summary>
    public Device? Gateway { get; }

    /// <summary>Streams by device and remote address.</summary>
    public IReadOnlyList<ServiceStream> Streams { get; }

    /// <summary>Remote address to service name, from DNS answers (following CNAMEs to the name asked) and TLS SNI.</summary>
    public IReadOnlyDictionary<IpAddress, string> AddressNames { get; }

    /// <summary>Remote address to the TLS SNI sent to it: the names that stay visible when DNS is concealed.</summary>
    public IReadOnlyDictionary<IpAddress, string> SniNames { get; }

    /// <summary>Traffic inside the home by protocol and service port, most bytes first.</summary>
    public IReadOnlyList<LocalProtocol> LocalProtocols { get; init; } = [];

    /// <summary>Anomalies counted while reading and decoding.</summary>
    public AnomalyLog Anomalies { get; }

    /// <summary>Flows seen.</summary>
    public long FlowCount { get; }

    /// <summary>Most flows open at once (what bounds memory).</summary>
    public int PeakOpenFlows { get; }

    /// <summary>Total packets over all captures.</summary>
    public long Packets => Captures.Sum(c => c.Packets);

    /// <summary>Earliest packet over all captures.</summary>
    public long? FirstNs => Captures.Where(c => c.FirstNs.HasValue).Select(c => c.FirstNs).Min();

    /// <summary>Latest packet over all captures.</summary>
    public long? LastNs => Captures.Where(c => c.LastNs.HasValue).Select(c => c.LastNs).Max();

    /// <summary>The devices other than the gateway.</summary>
    public IEnumerable<Device> HomeDevices => Devices.Where(d => !d.IsGateway);

    /// <summary>More stations than any home has: past it, the LAN was flooded with MACs (or a host randomised its MAC per frame).</summary>
    public const int FloodStations = 1_000;

    /// <summary>
    /// True when the capture shows a MAC flood: more than <see cref="FloodStations"/> stations (the trace then keeps
    /// the ones that sent most, <see cref="TraceBuilder.StationsNotAnalysed"/>), or more than it tracks at all
    /// (<see cref="TraceBuilder.DeviceTableFull"/>). Every per-device result is then mostly noise.
    /// </summary>
    public bool Flooded => Devices.Count > FloodStations || Anomalies.Count(TraceBuilder.StationsNotAnalysed) > 0 || Anomalies.Count(TraceBuilder.DeviceTableFull) > 0;

    /// <summary>Stations that sent at least one frame and were tracked, before a flooded LAN's were cut to <see cref="FloodStations"/>.</summary>
    public int StationsSeen { get; init; }

    /// <summary>Finds a device by MAC.</summary>
    public Device? FindDevice(MacAddress mac)
    {
        // Built on first use: callers look stations up per station, which a scan would make quadratic on a flooded LAN.
        byMac ??= Devices.ToDictionary(d => d.Mac);
        return byMac.GetValueOrDefault(mac);
    }
}
