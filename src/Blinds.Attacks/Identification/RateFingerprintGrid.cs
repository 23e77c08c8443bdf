using Blinds.Traffic;

namespace Blinds.Attacks.Identification;

/// <summary>One cell of paper 002's Fig. 4: how well rate windows identify devices for one (w, s, k).</summary>
/// <param name="WindowSeconds">w.</param>
/// <param name="SampleSeconds">s.</param>
/// <param name="K">Neighbours.</param>
/// <param name="Result">Cross-validated accuracy.</param>
public sealed record GridCell(int WindowSeconds, int SampleSeconds, int K, CrossValidationResult Result);

/// <summary>Runs the rate-feature k-NN identification over a grid of window lengths, sample intervals and k.</summary>
public static class RateFingerprintGrid
{
    /// <summary>
    /// Evaluates every (w, s, k) for the devices of <paramref name="trace"/> named in <paramref name="labels"/>
    /// (MAC → device name; several MACs may share a name). The trace must have per-device rate series with 1 s bins
    /// (or bins dividing every s).
    /// </summary>
    public static IReadOnlyList<GridCell> Evaluate(Trace trace, IReadOnlyDictionary<Protocols.Addressing.MacAddress, string> labels, IEnumerable<int> windows, IEnumerable<int> samples, IEnumerable<int> ks, int folds = 10, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(labels);
        var names = labels.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cells = new List<GridCell>();
        foreach (var s in samples)
        {
            foreach (var w in windows.Where(w => w >= s && w % s == 0))
            {
                var points = new List<double[]>();
                var y = new List<int>();
                foreach (var d in trace.HomeDevices)
                {
                    if (d.Rates is null || !labels.TryGetValue(d.Mac, out var name))
                    {
                        continue;
                    }

                    foreach (var f in RateWindows.Features(d.Rates, s, w))
                    {
                        points.Add(f);
                        y.Add(names.IndexOf(name));
                    }
                }

                if (y.Distinct().Count() < 2)
                {
                    continue;
                }

                foreach (var k in ks)
                {
                    cells.Add(new GridCell(w, s, k, CrossValidation.KNearest(points, y, k, folds, seed)));
                }
            }
        }

        return cells;
    }
}
