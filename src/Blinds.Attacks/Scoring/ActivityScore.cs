using Blinds.Attacks.Activity;
using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Scoring;

/// <summary>Event detection and naming scored for one device or the whole home.</summary>
/// <param name="Device">Device name, or "home".</param>
/// <param name="Events">Detection against the labels.</param>
/// <param name="NamedRight">Matched detections whose inferred activity is the labelled one.</param>
public sealed record DeviceActivityScore(string Device, EventScore Events, int NamedRight)
{
    /// <summary>Share of matched detections named right.</summary>
    public double NamingAccuracy => Events.Matched == 0 ? 0 : NamedRight / (double)Events.Matched;
}

/// <summary>Scores inferred activities against labelled ones (events files of docs/lab.md).</summary>
public static class ActivityScore
{
    /// <summary>
    /// Labels that mark the end of something rather than an action an observer could see start
    /// (a live view stopping shows as the end of a burst).
    /// </summary>
    public static bool IsScored(LabelledEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Activity != "live_view_stop";
    }

    /// <summary>
    /// Per labelled device and for the home. A detection in one entity of a device (an ISP's stream) that starts
    /// within <paramref name="tolerance"/> of one already counted in another entity of the same device counts once:
    /// an observer who has tied the streams to one device would merge them.
    /// </summary>
    public static IReadOnlyList<DeviceActivityScore> Score(
        IReadOnlyList<InferredActivity> inferred,
        IReadOnlyList<LabelledEvent> labelled,
        IReadOnlyDictionary<MacAddress, string> names,
        TimeSpan tolerance,
        long durationNs)
    {
        ArgumentNullException.ThrowIfNull(inferred);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(names);
        var tol = (long)tolerance.TotalNanoseconds;
        var scores = new List<DeviceActivityScore>();
        foreach (var device in names.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var truth = labelled.Where(e => e.Device == device && IsScored(e)).ToArray();
            var detected = Merge(inferred.Where(a => names.TryGetValue(a.Entity.Device, out var n) && n == device).OrderBy(a => a.StartNs), tol);
            if (truth.Length + detected.Count == 0)
            {
                continue;
            }

            var pairs = EventScore.Match(truth.Select(t => t.TimeNs).ToArray(), detected.Select(d => d.StartNs).ToArray(), tol);
            var named = pairs.Count(p => ActivityKindText.Matches(truth[p.Truth].Activity, detected[p.Detected].Named.Activity));
            scores.Add(new DeviceActivityScore(device, EventScore.Score(truth.Select(t => t.TimeNs).ToArray(), detected.Select(d => d.StartNs).ToArray(), tol, durationNs), named));
        }

        var home = new EventScore(
            scores.Sum(s => s.Events.Truth),
            scores.Sum(s => s.Events.Detected),
            scores.Sum(s => s.Events.Matched),
            scores.Sum(s => s.Events.ChanceRecall * s.Events.Truth) / Math.Max(1, scores.Sum(s => s.Events.Truth)));
        scores.Add(new DeviceActivityScore("home", home, scores.Sum(s => s.NamedRight)));
        return scores;
    }

    // Only bursts of different entities merge: one entity's own bursts stay apart however close, as they are on the LAN.
    private static List<InferredActivity> Merge(IEnumerable<InferredActivity> ordered, long tol)
    {
        var merged = new List<InferredActivity>();
        foreach (var a in ordered)
        {
            var duplicate = false;
            for (var i = merged.Count - 1; i >= 0 && a.StartNs - merged[i].StartNs <= tol; i--)
            {
                duplicate |= !ReferenceEquals(merged[i].Entity, a.Entity);
            }

            if (!duplicate)
            {
                merged.Add(a);
            }
        }

        return merged;
    }
}
