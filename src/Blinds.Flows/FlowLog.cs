using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Everything read from flow inputs: the flows (one value each, far fewer than packets), the names Zeek's dns and
/// ssl logs give addresses, what was read per format, and the anomalies. Collects as an <see cref="IFlowSink"/>.
/// </summary>
public sealed class FlowLog : IFlowSink
{
    private readonly List<FlowObservation> flows = [];
    private readonly Dictionary<IpAddress, string> names = [];
    private readonly Dictionary<IpAddress, string> sniNames = [];
    private readonly long[] bySource = new long[Enum.GetValues<FlowSource>().Length];
    private readonly List<string> stopErrors = [];

    /// <summary>The flows, in the order read.</summary>
    public IReadOnlyList<FlowObservation> Flows => flows;

    /// <summary>Address to name from Zeek dns.log answers (the name asked) and ssl.log server names.</summary>
    public IReadOnlyDictionary<IpAddress, string> AddressNames => names;

    /// <summary>Address to the TLS server name (Zeek ssl.log).</summary>
    public IReadOnlyDictionary<IpAddress, string> SniNames => sniNames;

    /// <summary>Problems met while reading.</summary>
    public AnomalyLog Anomalies { get; } = new();

    /// <summary>One line per input that could not be read to its end.</summary>
    public IReadOnlyList<string> StopErrors => stopErrors;

    /// <summary>Flows read from one format.</summary>
    public long Count(FlowSource source) => bySource[(int)source];

    /// <summary>Earliest flow start, Unix ns.</summary>
    public long? FirstNs => flows.Count == 0 ? null : flows.Min(f => f.StartNs);

    /// <summary>Latest flow end, Unix ns.</summary>
    public long? LastNs => flows.Count == 0 ? null : flows.Max(f => f.EndNs);

    // A hostile record can give a flow any span of 64-bit time. A flow must end after it starts and last at most 31
    // days (routers' active timeouts are minutes; Zeek's longest connections days): anything else is counted and
    // left out, so that no flow is spread over a bogus span. Absolute dates are not judged here: softflowd's
    // uptime-relative times legitimately land far from the capture's clock.
    private static readonly long LongestNs = (long)TimeSpan.FromDays(31).TotalNanoseconds;

    /// <inheritdoc/>
    public void Add(in FlowObservation flow)
    {
        if (flow.EndNs < flow.StartNs || flow.EndNs - flow.StartNs > LongestNs)
        {
            Anomalies.Add(FlowAnomalies.TimeOutlier);
            return;
        }

        flows.Add(flow);
        bySource[(int)flow.Source]++;
    }

    /// <inheritdoc/>
    public void AddName(IpAddress address, string name, bool fromTls)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        names.TryAdd(address, name);
        if (fromTls)
        {
            sniNames.TryAdd(address, name);
            names[address] = name; // the server name the client asked for beats a DNS answer shared by many names
        }
    }

    /// <summary>Records that reading an input stopped early.</summary>
    public void AddStopError(string line) => stopErrors.Add(line);
}
