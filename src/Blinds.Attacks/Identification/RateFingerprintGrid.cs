using Blinds.Traffic;

namespace Blinds.Attacks.Identification;

/// <summary>One cell of paper 002's Fig. 4: how well rate windows identify devices for one (w, s, k).</summary>
/// <param name="WindowSeconds">w.</param>
/// <param name="SampleSeconds">s.</param>
/// <param name="K">Neighbours.</param>
/// <param name="Result">Cross-validated accuracy.</param>
public sealed record GridCell(int WindowSeconds, int SampleSeconds, int K, CrossValidationResult Result)
{
    /// <summary>Windows left out because the device sent and received nothing in them (<see cref="RateWindowSet"/>).</summary>
    public int SilentWindows { get; init; }
}

/// <summary>Runs the rate-feature k-NN identification over a grid of window lengths, sample intervals and k.</summary>
public static class RateFingerprintGrid
{
    /// <summary>
    /// Evaluates every (w, s, k) for the devices of <paramref name="trace"/> named in <paramref name="labels"/>
    /// (MAC → device name; several MACs may share a name). The trace must have per-device rate series with 1 s bins
    /// (or bins dividing every s). The windows are <see cref="RateWindowSet"/>'s: silent ones left out and counted,
    /// as `blinds identify --labels` does.
    /// </summary>
    public static IReadOnlyList<GridCell> Evaluate(Trace trace, IReadOnlyDictionary<Protocols.Addressing.MacAddress, string> labels, IEnumerable<int> windows, IEnumerable<int> samples, IEnumerable<int> ks, int folds = 10, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(labels);
        var cells = new List<GridCell>();
        foreach (var s in samples)
        {
            foreach (var w in windows.Where(w => w >= s && w % s == 0))
            {
                var set = RateWindowSet.Build(trace.HomeDevices.Select(d => (d.Mac, d.Rates)), labels, s, w);
                if (!set.CanEvaluate)
                {
                    continue;
                }

                foreach (var k in ks)
                {
                    cells.Add(new GridCell(w, s, k, CrossValidation.KNearest(set.Points, set.Classes, k, folds, seed)) { SilentWindows = set.Silent });
                }
            }
        }

        return cells;
    }
}
