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

    /// <summary>Most streams kept; later ones are counted but merged into their device's totals only.</summary>
    public int MaxStreams { get; init; } = 100_000;
}
