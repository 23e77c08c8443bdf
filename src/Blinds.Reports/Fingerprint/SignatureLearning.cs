using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Reports.Fingerprint;

/// <summary>What `fingerprint learn` learned: name signatures, and the traffic observations a classifier is trained on.</summary>
/// <param name="Signatures">Name signatures, merged files included.</param>
/// <param name="Observations">Labelled devices learned from the captures.</param>
/// <param name="Features">Traffic feature vectors, one per observation (empty unless traffic was asked for).</param>
/// <param name="Classes">The label of each feature vector.</param>
public sealed record SignatureLearning(NameSignatures Signatures, int Observations, IReadOnlyList<float[]> Features, IReadOnlyList<string> Classes)
{
    /// <summary>
    /// MACs that several labels were learned from (labelling by file or folder: IoT Sentinel's hub folders and the
    /// folders of the sensors added through the hub), each with its labels: identification reports them as a group.
    /// </summary>
    public IReadOnlyList<(MacAddress Mac, IReadOnlyList<string> Labels)> SharedMacs { get; init; } = [];

    /// <summary>The labels sharing a MAC, for <see cref="IdentificationModel"/>: each label to the others of its MAC.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups => SharedMacGroups.FromSets(SharedMacs.Select(s => s.Labels));

    /// <summary>A traffic classifier over <see cref="Features"/>, or null when fewer than two labels were seen (nothing to tell apart).</summary>
    public TrafficNovelty? TrafficNovelty() => Features.Count >= 2 ? new TrafficNovelty(Features) : null;

    /// <summary>A traffic classifier over <see cref="Features"/>, or null when fewer than two labels were seen (nothing to tell apart).</summary>
    public TrafficClassifier? TrainTraffic() =>
        Classes.Distinct(StringComparer.Ordinal).Count() >= 2 ? TrafficClassifier.Train(Features, Classes) : null;

    /// <summary>
    /// Learns from captures one at a time (each is one observation per labelled device, and only one trace is held at
    /// once). <paramref name="captures"/> yields each file's path and trace lazily.
    /// </summary>
    /// <param name="captures">Each capture's path and its trace, loaded as enumerated.</param>
    /// <param name="labels">Labels by MAC; with <see cref="CaptureLabelling.File"/> or <see cref="CaptureLabelling.Folder"/> only its MACs count.</param>
    /// <param name="by">Where labels come from.</param>
    /// <param name="merged">Signatures learned before, to add to.</param>
    /// <param name="traffic">Also read each labelled device's traffic features (a second read of each file).</param>
    public static SignatureLearning Learn(IEnumerable<(string Path, Trace Trace)> captures, IReadOnlyDictionary<MacAddress, string> labels, CaptureLabelling by, IEnumerable<NameSignatures> merged, bool traffic)
    {
        ArgumentNullException.ThrowIfNull(captures);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(merged);
        var signatures = new NameSignatures();
        foreach (var m in merged)
        {
            signatures.Merge(m);
        }

        var observations = 0;
        var seen = new List<(string Label, MacAddress Mac)>();
        var features = new List<float[]>();
        var classes = new List<string>();
        foreach (var (path, trace) in captures)
        {
            var labelled = trace.HomeDevices.Where(d => labels.ContainsKey(d.Mac)).ToArray();
            var learned = by == CaptureLabelling.Mac
                ? labelled.Select(d => (Device: d, Label: labels[d.Mac])).ToArray()
                : labelled.OrderByDescending(d => d.PacketsSent + d.PacketsReceived).ThenBy(d => d.Mac).Take(1).Select(d => (Device: d, Label: CaptureLabel(path, by))).ToArray();
            foreach (var (d, label) in learned)
            {
                signatures.Learn(label, DeviceNames.Of(d));
                seen.Add((label, d.Mac));
                observations++;
            }

            if (traffic && learned.Length > 0)
            {
                var profiles = TrafficProfiler.Read([path], learned.Select(x => x.Device.Mac).ToHashSet());
                foreach (var (d, label) in learned)
                {
                    features.Add(profiles[d.Mac].Vector());
                    classes.Add(label);
                }
            }
        }

        var shared = seen.GroupBy(x => x.Mac).Select(g => (Mac: g.Key, Labels: (IReadOnlyList<string>)g.Select(x => x.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray()))
            .Where(x => x.Labels.Count > 1).OrderBy(x => x.Labels[0], StringComparer.Ordinal).ToArray();
        return new SignatureLearning(signatures, observations, features, classes) { SharedMacs = shared };
    }

    /// <summary>The capture's own name (all extensions off) or its folder's: how datasets such as IoT Sentinel label setup captures.</summary>
    /// <exception cref="FormatException">The path has no folder to label by.</exception>
    public static string CaptureLabel(string path, CaptureLabelling by)
    {
        var full = Path.GetFullPath(path);
        if (by == CaptureLabelling.Folder)
        {
            return Path.GetFileName(Path.GetDirectoryName(full)) is { Length: > 0 } folder ? folder : throw new FormatException($"{path}: no folder to label it by");
        }

        var name = Path.GetFileName(full);
        while (Path.GetExtension(name) is { Length: > 0 } ext)
        {
            name = name[..^ext.Length];
        }

        return name;
    }
}
