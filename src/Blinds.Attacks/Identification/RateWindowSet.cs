using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Identification;

/// <summary>
/// The labelled windows the rate attack classifies (paper 002 §5.1), built one way for `blinds identify --labels`
/// and `blinds fingerprint eval` so that their figures agree: every whole w-second window of each labelled
/// entity's series, described by the mean and deviation of its s-second samples, except silent windows (nothing
/// sent or received). Those are left out and counted: the observer has nothing there to classify (an ISP does not
/// even know the stream exists), and counting them would let "silent" alone name the idlest device.
/// </summary>
/// <param name="Points">Feature vectors (mean, std of bytes per sample).</param>
/// <param name="Classes">Class index of each point into <paramref name="Labels"/>.</param>
/// <param name="Labels">Label names, in ordinal order, of the labelled entities that had a series.</param>
/// <param name="Silent">Windows left out because nothing was sent or received in them.</param>
public sealed record RateWindowSet(IReadOnlyList<double[]> Points, IReadOnlyList<int> Classes, IReadOnlyList<string> Labels, int Silent)
{
    /// <summary>Windows per label.</summary>
    public IReadOnlyDictionary<string, int> PerLabel => Classes.GroupBy(c => Labels[c]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>True when there is something to tell apart: two labels and a few windows.</summary>
    public bool CanEvaluate => Classes.Distinct().Count() >= 2 && Points.Count >= 4;

    /// <summary>Builds the windows of the <paramref name="entities"/> (device behind each, its series) that <paramref name="labels"/> names.</summary>
    public static RateWindowSet Build(IEnumerable<(MacAddress Device, RateSeries? Rates)> entities, IReadOnlyDictionary<MacAddress, string> labels, int sampleSeconds, int windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(labels);
        var labelled = entities.Where(e => e.Rates is not null && labels.ContainsKey(e.Device)).ToArray();
        var names = labelled.Select(e => labels[e.Device]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var points = new List<double[]>();
        var classes = new List<int>();
        var silent = 0;
        foreach (var (device, rates) in labelled)
        {
            foreach (var f in RateWindows.Features(rates!, sampleSeconds, windowSeconds))
            {
                if (f[0] > 0)
                {
                    points.Add(f);
                    classes.Add(index[labels[device]]);
                }
                else
                {
                    silent++;
                }
            }
        }

        return new RateWindowSet(points, classes, names, silent);
    }
}
