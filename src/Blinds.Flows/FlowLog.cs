using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Everything read from flow inputs: the flows (one value each, far fewer than packets), the names Zeek's dns and
/// ssl logs give addresses, what was read per format, and the anomalies. Collects as an <see cref="IFlowSink"/>.
/// </summary>
public sealed class FlowLog : IFlowSink
{
    /// <summary>Farthest a kept record may start or end from the records' bulk (as packets: README, Bad input).</summary>
    public static readonly TimeSpan MaxDistance = TimeSpan.FromDays(183);

    private const long OneDayNs = 86_400_000_000_000;
    private static readonly long EarliestNs = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
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
    // left out, so that no flow is spread over a bogus span. Absolute dates are judged once all records are read
    // (ScreenTimes), against the records' own bulk: softflowd's uptime-relative times legitimately land far from
    // the capture's clock, but together.
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

    /// <summary>
    /// Leaves out the records whose time is noise, as packets' times are judged: the bulk is the median start of the
    /// plausible records (1990 to now + 1 day) when they are most records, else of all records (an exporter without
    /// a clock), and a
    /// record is kept when it starts and ends within <see cref="MaxDistance"/> of it and, when the bulk is plausible,
    /// within 1990 to now + 1 day. Others are counted as <see cref="FlowAnomalies.StampOutlier"/>, so that no stream,
    /// series or simulation spans years because of one record. The readers call it once all inputs are read; it
    /// sorts one copy of the start times (O(n log n)) and returns the records left out.
    /// </summary>
    public int ScreenTimes(long? nowNs = null)
    {
        if (flows.Count == 0)
        {
            return 0;
        }

        var now = nowNs ?? (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        var latest = now > long.MaxValue - OneDayNs ? long.MaxValue : now + OneDayNs;
        bool Plausible(long ns) => ns >= EarliestNs && ns <= latest;
        // The plausible records make the bulk when they are most of them; else (an exporter without a clock, whose
        // records all say 1970) a few plausible ones must not move it.
        var starts = flows.Select(f => f.StartNs).Where(Plausible).ToArray();
        var plausible = starts.Length * 2 > flows.Count;
        if (!plausible)
        {
            starts = flows.Select(f => f.StartNs).ToArray();
        }

        Array.Sort(starts);
        var anchor = starts[starts.Length / 2];
        var d = (long)MaxDistance.TotalNanoseconds;
        var low = anchor < long.MinValue + d ? long.MinValue : anchor - d;
        var high = anchor > long.MaxValue - d ? long.MaxValue : anchor + d;
        if (plausible)
        {
            low = Math.Max(EarliestNs, low);
            high = Math.Min(latest, high);
        }

        var removed = 0;
        flows.RemoveAll(f =>
        {
            if (f.StartNs >= low && f.EndNs <= high)
            {
                return false;
            }

            Anomalies.Add(FlowAnomalies.StampOutlier);
            bySource[(int)f.Source]--;
            removed++;
            return true;
        });
        return removed;
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
