using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Evaluation;

/// <summary>A true activity: when, and the MACs of the device it belongs to (a randomising phone has several).</summary>
/// <param name="TimeNs">When it started.</param>
/// <param name="Macs">The device's MACs.</param>
public sealed record TruthEvent(long TimeNs, IReadOnlySet<MacAddress> Macs)
{
    /// <summary>
    /// The scored activities of an events file (live-view stops are not), each with the MACs its device name has
    /// in the devices file; activities of devices the file does not name are left out.
    /// </summary>
    public static IReadOnlyList<TruthEvent> FromLabels(IEnumerable<LabelledEvent> labelled, IReadOnlyDictionary<MacAddress, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(labels);
        return labelled.Where(ActivityScore.IsScored)
            .Select(e => new TruthEvent(e.TimeNs, labels.Where(kv => kv.Value == e.Device).Select(kv => kv.Key).ToHashSet()))
            .Where(t => t.Macs.Count > 0)
            .ToArray();
    }
}
