using Blinds.Protocols.Addressing;
using Blinds.Traffic.Flows;

namespace Blinds.Traffic;

/// <summary>What to build besides the always-present device and stream totals.</summary>
public sealed record TraceOptions
{
    /// <summary>Bin width for rate series; null builds none (the cheapest trace).</summary>
    public TimeSpan? Bin { get; init; }

    /// <summary>Devices that get a rate series; null means all (when <see cref="Bin"/> is set).</summary>
    public IReadOnlySet<MacAddress>? SeriesDevices { get; init; }

    /// <summary>Also build a rate series per stream.</summary>
    public bool StreamSeries { get; init; }

    /// <summary>Flow timeouts and cap.</summary>
    public FlowTableOptions Flows { get; init; } = new();

    /// <summary>
    /// Public addresses that belong to the home: for a capture taken outside the NAT (the ISP's side), where the
    /// home has no private address. Packets from them count as up, to them as down, like a private address's.
    /// </summary>
    public IReadOnlySet<IpAddress>? HomeAddresses { get; init; }

    /// <summary>Most streams kept; traffic of later ones still counts in its device's totals (and <c>stream_table_full</c>).</summary>
    public int MaxStreams { get; init; } = 50_000;

    /// <summary>
    /// "Now" for <see cref="TimeGuard"/> (ns since the epoch): packets stamped more than a day after it are left out.
    /// Null means the clock's now; tests fix it.
    /// </summary>
    public long? NowNs { get; init; }
}
