using Blinds.Attacks.Kinds;
using Blinds.Defences.Costs;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Reports.Tolerance;

/// <summary>`blinds tolerance` as a library call: paper 002 Fig. 9 by search, and the whole home's rates as a plan.</summary>
public static class ToleranceBuilder
{
    /// <summary>Searches the lowest rate each device and the whole home work with.</summary>
    /// <param name="paths">The captures (replayed by the search).</param>
    /// <param name="trace">Their trace.</param>
    /// <param name="kinds">Each device's kind.</param>
    /// <param name="tolerances">Delay each kind works with.</param>
    /// <param name="slotBytes">Padding slot size.</param>
    /// <param name="labels">Names to show devices by.</param>
    /// <param name="home">The home's addresses, when given.</param>
    /// <exception cref="InvalidOperationException">The search cannot run on this capture.</exception>
    public static ToleranceModel Build(IReadOnlyList<string> paths, Trace trace, IReadOnlyDictionary<MacAddress, DeviceKind> kinds, LatencyTolerance tolerances, int slotBytes, IReadOnlyDictionary<MacAddress, string> labels, IReadOnlySet<IpAddress>? home)
    {
        ArgumentNullException.ThrowIfNull(tolerances);
        ArgumentNullException.ThrowIfNull(labels);
        var needs = RateSearch.Run(paths, trace, kinds, tolerances, slotBytes, homeAddresses: home);
        var perDevice = needs.Where(n => n.Mac is not null).ToArray();
        return new ToleranceModel(
            slotBytes,
            tolerances.Source,
            needs.Select(n => new ToleranceDevice(
                n.Mac is not { } m ? "whole home" : labels.GetValueOrDefault(m) ?? m.ToString(),
                n.Mac?.ToString(),
                n.Kind.TextOrNull(),
                n.Tolerance is { } tol ? new ToleranceSeconds(tol.MeanSeconds, tol.MaxSeconds) : null,
                n.Up,
                n.Down,
                n.UpMean,
                n.UpMax,
                n.RealUp,
                n.RealDown,
                Cover(n))).ToArray(),
            new ToleranceRates(perDevice.Sum(n => n.Up ?? 0), perDevice.Sum(n => n.Down ?? 0)),
            Recommend(needs[^1], slotBytes)?.ToString());
    }

    // The whole home's rates as a plan a user can paste: tunnelled constant-rate padding, each direction at the rate
    // it needs, rounded up to two significant digits so the spec stays short and no device falls below its need.
    private static DefencePlan? Recommend(RateNeed home, int size)
    {
        if (home.Up is not { } up || home.Down is not { } down)
        {
            return null;
        }

        var (u, d) = (Units.RoundUp(up, 2), Units.RoundUp(down, 2));
        return Units.Rate.Contains(u) && Units.Rate.Contains(d)
            ? DefencePlan.None.WithTunnel().WithShaper(new ShaperOptions { UpBytesPerSecond = u, DownBytesPerSecond = d, PacketBytes = size })
            : null;
    }

    // Cover a month: the shaped rate each way less the device's own traffic.
    private static double Cover(RateNeed n) => (Math.Max(0, (n.Up ?? 0) - n.RealUp) + Math.Max(0, (n.Down ?? 0) - n.RealDown)) * 30 * 86_400 / 1e9;
}
