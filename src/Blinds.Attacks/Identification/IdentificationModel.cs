using System.IO.Compression;
using System.Text.Json;

namespace Blinds.Attacks.Identification;

/// <summary>
/// What an attacker learns once and applies to other homes (issue 18 item 5): name signatures plus a traffic
/// classifier over <see cref="TrafficProfile"/> features, in one zip file with a header naming the format version
/// and the feature set, so that a model from another Blinds version is refused rather than misread.
/// </summary>
public sealed class IdentificationModel
{
    /// <summary>The model file format this build writes and reads.</summary>
    public const int FormatVersion = 2;

    private const string HeaderEntry = "blinds-model.json";
    private const string SignaturesEntry = "signatures.json";
    private const string TrafficEntry = "traffic.mlnet.zip";
    private const string NoveltyEntry = "traffic-novelty.json";

    /// <summary>
    /// A model of <paramref name="signatures"/> and, when there was traffic to learn from, <paramref name="traffic"/>;
    /// <paramref name="groups"/> maps each label learned from a MAC other labels were learned from too to those labels.
    /// </summary>
    public IdentificationModel(NameSignatures signatures, TrafficClassifier? traffic, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups = null, TrafficNovelty? novelty = null)
    {
        Novelty = novelty;
        Signatures = signatures ?? throw new ArgumentNullException(nameof(signatures));
        Traffic = traffic;
        Groups = groups ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    }

    /// <summary>How unlike the training traffic a device's is (<see cref="TrafficNovelty"/>), when the model has it.</summary>
    public TrafficNovelty? Novelty { get; }

    /// <summary>Labels learned from one MAC (<see cref="SharedMacGroups"/>): each label to the others, reported together.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; }

    /// <summary>The name signatures.</summary>
    public NameSignatures Signatures { get; }

    /// <summary>The traffic classifier, if any.</summary>
    public TrafficClassifier? Traffic { get; }

    /// <summary>Writes the model as a zip.</summary>
    public void Save(Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var s = zip.CreateEntry(HeaderEntry).Open())
        {
            JsonSerializer.Serialize(s, new Header { Format = "blinds-identification-model", Version = FormatVersion, Features = [.. TrafficProfile.FeatureNames], HasTraffic = Traffic is not null, SharedMacGroups = SharedMacGroups.Distinct(Groups).Select(g => g.ToList()).ToList() });
        }

        using (var s = zip.CreateEntry(SignaturesEntry).Open())
        {
            Signatures.Save(s);
        }

        if (Novelty is not null)
        {
            using var s = zip.CreateEntry(NoveltyEntry).Open();
            Novelty.Save(s);
        }

        if (Traffic is not null)
        {
            using var s = zip.CreateEntry(TrafficEntry).Open();
            using var buffer = new MemoryStream();
            Traffic.Save(buffer);
            buffer.Position = 0;
            buffer.CopyTo(s);
        }
    }

    /// <summary>Reads a model; throws <see cref="FormatException"/> naming the file when it is not one, or is from another version.</summary>
    public static IdentificationModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new FormatException($"{path}: not a Blinds model (write one with blinds fingerprint learn --model)");
        }

        using (zip)
        {
            Header? header;
            try
            {
                using var h = (zip.GetEntry(HeaderEntry) ?? throw new FormatException($"{path}: not a Blinds model (no {HeaderEntry})")).Open();
                header = JsonSerializer.Deserialize<Header>(h);
            }
            catch (JsonException)
            {
                header = null;
            }

            if (header is null || header.Format != "blinds-identification-model")
            {
                throw new FormatException($"{path}: not a Blinds model (write one with blinds fingerprint learn --model)");
            }

            if (header.Version != FormatVersion || !header.Features.SequenceEqual(TrafficProfile.FeatureNames))
            {
                throw new FormatException($"{path}: a model from another Blinds version (format {header.Version}, {header.Features.Count} features; this version reads format {FormatVersion}, {TrafficProfile.FeatureNames.Count} features): learn it again with blinds fingerprint learn --model");
            }

            var signatures = ReadSignatures(zip, path);
            TrafficClassifier? traffic = null;
            if (header.HasTraffic)
            {
                using var t = (zip.GetEntry(TrafficEntry) ?? throw new FormatException($"{path}: the traffic model is missing")).Open();
                using var buffer = new MemoryStream();
                t.CopyTo(buffer);
                buffer.Position = 0;
                traffic = TrafficClassifier.Load(buffer, TrafficProfile.FeatureNames.Count);
            }

            TrafficNovelty? novelty = null;
            if (zip.GetEntry(NoveltyEntry) is { } n)
            {
                using var s = n.Open();
                novelty = TrafficNovelty.Read(s, $"{path}:{NoveltyEntry}");
            }

            return new IdentificationModel(signatures, traffic, SharedMacGroups.FromSets(header.SharedMacGroups), novelty);
        }
    }

    private static NameSignatures ReadSignatures(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(SignaturesEntry) ?? throw new FormatException($"{path}: the signatures are missing");
        using var s = entry.Open();
        using var buffer = new MemoryStream();
        s.CopyTo(buffer);
        buffer.Position = 0;
        return NameSignatures.Read(buffer, $"{path}:{SignaturesEntry}");
    }

    private sealed class Header
    {
        public string Format { get; set; } = string.Empty;

        public int Version { get; set; }

        public List<string> Features { get; set; } = [];

        public bool HasTraffic { get; set; }

        public List<List<string>> SharedMacGroups { get; set; } = [];
    }
}
