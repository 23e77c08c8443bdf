using Blinds.Defences.Simulation;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Costs;

/// <summary>One device's share of a defence's cost.</summary>
/// <param name="Mac">The device.</param>
/// <param name="RealBytes">Bytes it sent and received undefended.</param>
/// <param name="BlockedBytes">Bytes the block rules stopped.</param>
/// <param name="TunnelBytes">VPN headers on its packets.</param>
/// <param name="PaddingBytes">Slot padding on its packets.</param>
/// <param name="InjectedBytes">Cover activity copied from its own.</param>
/// <param name="OverheadBytesPerSecond">All its extra bytes per second of capture.</param>
/// <param name="DelayMean">Mean added delay per packet, seconds.</param>
/// <param name="DelayP95">95th percentile, seconds.</param>
/// <param name="DelayMax">Largest, seconds.</param>
/// <param name="Drops">Packets dropped by a full queue.</param>
public sealed record DeviceCostLine(MacAddress Mac, long RealBytes, long BlockedBytes, long TunnelBytes, long PaddingBytes, long InjectedBytes, double OverheadBytesPerSecond, double DelayMean, double DelayP95, double DelayMax, long Drops)
{
    /// <summary>Its extra bytes per second sent (home to internet).</summary>
    public double OverheadUpBytesPerSecond { get; init; }

    /// <summary>Its extra bytes per second received.</summary>
    public double OverheadDownBytesPerSecond { get; init; }
}

/// <summary>A defence's cost for the home and per device (issue 5 §2).</summary>
/// <param name="Seconds">Capture length.</param>
/// <param name="RealBytes">Bytes the home exchanged undefended.</param>
/// <param name="ObservedBytes">Bytes on the observed link after the defence.</param>
/// <param name="BlockedBytes">Bytes the block rules stopped.</param>
/// <param name="DroppedBytes">Bytes full queues dropped.</param>
/// <param name="TunnelBytes">VPN headers.</param>
/// <param name="PaddingBytes">Slot padding.</param>
/// <param name="CoverBytes">Cover slots.</param>
/// <param name="InjectedBytes">Injected activity.</param>
/// <param name="Devices">Per device.</param>
/// <param name="DelayMean">Mean added delay over all real packets, seconds.</param>
/// <param name="DelayP95">95th percentile.</param>
/// <param name="DelayMax">Largest.</param>
/// <param name="MaxQueueBytes">Longest queue, bytes.</param>
/// <param name="MaxQueuePackets">Longest queue, packets.</param>
/// <param name="Drops">Packets dropped.</param>
/// <param name="Options">Cap and prices used.</param>
/// <param name="ObservedUpBytes">Bytes up after the defence.</param>
public sealed record CostReport(
    double Seconds,
    long RealBytes,
    long ObservedBytes,
    long BlockedBytes,
    long DroppedBytes,
    long TunnelBytes,
    long PaddingBytes,
    long CoverBytes,
    long InjectedBytes,
    IReadOnlyList<DeviceCostLine> Devices,
    double DelayMean,
    double DelayP95,
    double DelayMax,
    long MaxQueueBytes,
    int MaxQueuePackets,
    long Drops,
    CostOptions Options,
    long ObservedUpBytes)
{
    private const double Month = 30 * 86_400;

    /// <summary>All extra bytes.</summary>
    public long OverheadBytes => TunnelBytes + PaddingBytes + CoverBytes + InjectedBytes;

    /// <summary>Extra bytes per second.</summary>
    public double OverheadBytesPerSecond => OverheadBytes / Seconds;

    /// <summary>Extra bytes sent (home to internet), every kind and cover included.</summary>
    public long OverheadUpBytes { get; init; }

    /// <summary>Extra bytes received.</summary>
    public long OverheadDownBytes { get; init; }

    /// <summary>Extra bytes per second sent.</summary>
    public double OverheadUpBytesPerSecond => OverheadUpBytes / Seconds;

    /// <summary>Extra bytes per second received.</summary>
    public double OverheadDownBytesPerSecond => OverheadDownBytes / Seconds;

    /// <summary>Extra traffic over a 30-day month at this capture's pace, GB.</summary>
    public double OverheadGbPerMonth => OverheadBytesPerSecond * Month / 1e9;

    /// <summary>All traffic after the defence over a month, GB.</summary>
    public double MonthlyGb => ObservedBytes / Seconds * Month / 1e9;

    /// <summary>Share of the data cap a month of defended traffic uses.</summary>
    public double CapShare => MonthlyGb * 1e9 / Options.CapBytes;

    /// <summary>Money a month over the cap (whole blocks).</summary>
    public double MoneyOverCap => Math.Max(0, Math.Ceiling(((MonthlyGb * 1e9) - Options.CapBytes) / Options.BlockBytes)) * Options.PricePerBlock;

    /// <summary>Share of the upload capacity the defended uplink uses on average.</summary>
    public double UploadShare => ObservedUpBytes / Seconds / Options.UploadBytesPerSecond;

    /// <summary>The report of <paramref name="result"/>.</summary>
    public static CostReport Of(SimulationResult result, CostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new CostOptions();
        var c = result.Cost;
        var all = new DelayStats();
        var lines = new List<DeviceCostLine>();
        for (var i = 0; i < result.Devices.Count; i++)
        {
            var d = c.Devices[i];
            all.Merge(d.Delays);
            lines.Add(new DeviceCostLine(
                result.Devices[i],
                d.RealUp + d.RealDown,
                d.BlockedBytes,
                d.Overhead[(int)OverheadKind.Tunnel],
                d.Overhead[(int)OverheadKind.Padding],
                d.Overhead[(int)OverheadKind.Injected],
                d.OverheadBytes / result.Seconds,
                d.Delays.MeanSeconds,
                d.Delays.QuantileSeconds(0.95),
                d.Delays.MaxSeconds,
                d.Drops)
            {
                OverheadUpBytesPerSecond = d.OverheadUp / result.Seconds,
                OverheadDownBytesPerSecond = d.OverheadDown / result.Seconds,
            });
        }

        long Sum(OverheadKind k) => c.Devices.Sum(d => d.Overhead[(int)k]) + c.Home.Overhead[(int)k];
        return new CostReport(
            result.Seconds,
            c.Devices.Sum(d => d.RealUp + d.RealDown),
            c.ObservedUp + c.ObservedDown,
            c.Devices.Sum(d => d.BlockedBytes),
            c.Devices.Sum(d => d.DroppedBytes),
            Sum(OverheadKind.Tunnel),
            Sum(OverheadKind.Padding),
            Sum(OverheadKind.Cover),
            Sum(OverheadKind.Injected),
            lines,
            all.MeanSeconds,
            all.QuantileSeconds(0.95),
            all.MaxSeconds,
            c.MaxQueueBytes,
            c.MaxQueuePackets,
            c.Devices.Sum(d => d.Drops),
            options,
            c.ObservedUp)
        {
            OverheadUpBytes = c.Devices.Sum(d => d.OverheadUp) + c.Home.OverheadUp,
            OverheadDownBytes = c.Devices.Sum(d => d.OverheadDown) + c.Home.OverheadDown,
        };
    }
}
