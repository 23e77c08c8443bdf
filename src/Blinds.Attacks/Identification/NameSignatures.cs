using System.Text.Json;

using Blinds.Attacks.Kinds;
using Blinds.Traffic.Devices;

namespace Blinds.Attacks.Identification;

/// <summary>What a device says about itself in names: the DNS, SNI and mDNS names it uses and its DHCP facts.</summary>
/// <param name="Names">DNS questions, TLS SNIs, mDNS questions and announcements (lower case).</param>
/// <param name="DhcpHostNames">Option 12 values.</param>
/// <param name="DhcpVendorClasses">Option 60 values.</param>
/// <param name="DhcpParameterLists">Option 55 lists.</param>
public sealed record DeviceNames(IReadOnlySet<string> Names, IReadOnlySet<string> DhcpHostNames, IReadOnlySet<string> DhcpVendorClasses, IReadOnlySet<string> DhcpParameterLists)
{
    /// <summary>Collects a device's names from the trace.</summary>
    public static DeviceNames Of(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        static HashSet<string> Set(IEnumerable<string> v) => v.Select(x => x.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new DeviceNames(
            Set(device.DnsQueries.Values.Concat(device.TlsServerNames.Values).Concat(device.MdnsQueries.Values).Concat(device.MdnsNames.Values)),
            Set(device.DhcpHostNames.Values),
            Set(device.DhcpVendorClasses.Values),
            Set(device.DhcpParameterLists.Values));
    }

    /// <summary>Nothing at all: what an observer that reads no names has.</summary>
    public static DeviceNames Empty { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    /// <summary>Only service names (DNS, SNI), no DHCP facts.</summary>
    public static DeviceNames FromNames(IEnumerable<string> names) =>
        new(names.Select(x => x.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    /// <summary>True when the device said nothing identifying.</summary>
    public bool IsEmpty => Names.Count == 0 && DhcpHostNames.Count == 0 && DhcpVendorClasses.Count == 0 && DhcpParameterLists.Count == 0;
}

/// <summary>
/// Identification by names (paper 002 §5.1 "DNS queries", paper 003 §III.B: DHCP): signatures learned from labelled
/// devices, each label keeping how often it showed each name and DHCP fact. A device is scored against every label by
/// the share of its names the label has shown, plus DHCP agreement; the best label wins if anything matched.
/// </summary>
public sealed class NameSignatures
{
    private readonly Dictionary<string, Signature> labels = new(StringComparer.Ordinal);

    // Labels per name, for the weights; rebuilt when the signatures change.
    private Dictionary<string, int>? documentFrequency;

    private Dictionary<string, int>? parameterListFrequency;

    /// <summary>Labels learned.</summary>
    public IReadOnlyCollection<string> Labels => labels.Keys;

    /// <summary>Adds one labelled observation (a device in one capture).</summary>
    public void Learn(string label, DeviceNames names) => Update(label, names, +1);

    /// <summary>
    /// What kind of device a label is (sleep_monitor, camera, plug, assistant, hub, ...), when the signature file
    /// says: activity inference names events by it.
    /// </summary>
    public DeviceKind KindOf(string label) => labels.TryGetValue(label, out var sig) ? DeviceKindText.Parse(sig.Kind) : DeviceKind.Unknown;

    /// <summary>
    /// The signatures Blinds ships, seeded from the papers' own lists (002 Fig. 2: the DNS names of seven lab
    /// devices; 003 §III: Foobot, Hue bridge, Echo, Apple TV, Netatmo), each label with its kind and source.
    /// </summary>
    public static NameSignatures Papers()
    {
        using var stream = typeof(NameSignatures).Assembly.GetManifestResourceStream("Blinds.papers.signatures.json")
            ?? throw new InvalidOperationException("the shipped signatures resource is missing from the build");
        return Read(stream, "papers.signatures.json");
    }

    /// <summary>Removes an observation added before (leave-one-out evaluation).</summary>
    public void Forget(string label, DeviceNames names) => Update(label, names, -1);

    /// <summary>
    /// Below this score a device is not given a label: a shared DHCP option list alone (common to whole firmware
    /// families) must not name a device the signatures have never seen.
    /// </summary>
    public const double MinScore = 0.3;

    /// <summary>
    /// The best label for <paramref name="names"/> with its score (0..1), or null when nothing matched well enough.
    /// When labels tie, the first in ordinal order is returned: callers that show results use <see cref="Match"/>,
    /// which reports every tied label.
    /// </summary>
    public (string? Label, double Score) Identify(DeviceNames names)
    {
        var m = Match(names);
        return (m.Label, m.Score);
    }

    /// <summary>
    /// Scores <paramref name="names"/> against every label: the tied best labels (one, or several that the names
    /// cannot split), the score, and what matched. <paramref name="context"/> adds the other entities of the same
    /// home to the document frequencies, so that names many of them ask (a phone app's, a hub's cloud) weigh little.
    /// </summary>
    public NameMatch Match(DeviceNames names, NameContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.IsEmpty)
        {
            return NameMatch.None(0);
        }

        var weights = Weights(names, context);
        var scored = new List<(string Label, double Score, IReadOnlyList<string> Matched, double Specificity)>();
        foreach (var (label, sig) in labels)
        {
            if (sig.Observations > 0)
            {
                var (score, matched, specificity) = sig.Score(names, weights, ParameterListFrequency, ParameterListOnlyCap);
                scored.Add((label, score, matched, specificity));
            }
        }

        if (scored.Count == 0)
        {
            return NameMatch.None(0);
        }

        var best = scored.Max(x => x.Score);
        if (best < MinScore)
        {
            return NameMatch.None(best);
        }

        var tied = scored.Where(x => best - x.Score <= TieMargin).OrderBy(x => x.Label, StringComparer.Ordinal).ToArray();
        return new NameMatch(tied.Select(x => x.Label).ToArray(), best, tied[0].Matched, scored.ToDictionary(x => x.Label, x => x.Score, StringComparer.Ordinal))
        {
            Specificity = tied.Max(x => x.Specificity),
        };
    }

    /// <summary>Scores closer than this to the best are a tie: the names cannot tell those labels apart.</summary>
    public const double TieMargin = 1e-6;

    /// <summary>
    /// How much a name tells, 0..1: an inverse document frequency over the labels (and the home's other entities
    /// in <paramref name="context"/>). A name one label shows weighs 1; one every label shows weighs almost 0; generic
    /// names (NTP pools, NIST time, example.com, connectivity checks) weigh <see cref="GenericWeight"/> at most.
    /// </summary>
    public double Weight(string name, NameContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The home's other entities count only for names some label shows: a name that many of them ask is no
        // evidence that this one is that label. A name no label shows keeps its full weight as what the label
        // fails to explain, however many entities ask it.
        var labelled = LabelFrequency(name);
        var df = labelled + (labelled > 0 ? context?.OthersAsking(name) ?? 0 : 0);
        var n = labels.Count(kv => kv.Value.Observations > 0) + (context is null ? 0 : Math.Max(0, context.Entities - 1));
        var w = df <= 1 || n <= 1 ? 1.0 : Math.Max(0, Math.Log((n + 1.0) / df) / Math.Log(n + 1.0));
        return RegisteredDomain.IsGeneric(name) ? Math.Min(w, GenericWeight) : w;
    }

    /// <summary>The most a generic name (<see cref="RegisteredDomain.IsGeneric"/>) can weigh.</summary>
    public const double GenericWeight = 0.1;

    /// <summary>Labels whose signature holds <paramref name="name"/>.</summary>
    public int LabelFrequency(string name)
    {
        documentFrequency ??= labels.Where(kv => kv.Value.Observations > 0)
            .SelectMany(kv => kv.Value.Names.Keys)
            .GroupBy(x => x, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return documentFrequency.GetValueOrDefault(name);
    }

    /// <summary>
    /// Labels whose signature holds the DHCP option 55 list <paramref name="list"/>: a list many labels share
    /// (a whole firmware family's) tells little, so a match counts 1 / this.
    /// </summary>
    public int ParameterListFrequency(string list)
    {
        parameterListFrequency ??= labels.Where(kv => kv.Value.Observations > 0)
            .SelectMany(kv => kv.Value.ParameterLists.Keys)
            .GroupBy(x => x, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return parameterListFrequency.GetValueOrDefault(list);
    }

    /// <summary>
    /// The most a device can score when a DHCP option 55 list is all that matched: one list, however specific
    /// among the labels, is shared by devices the signatures have never seen. Chosen by cross-validation over the
    /// IoT Sentinel captures (results/identification.md); below <see cref="MinScore"/> a list alone names nothing.
    /// </summary>
    public const double DefaultParameterListOnlyCap = 0.3;

    /// <summary>This set's cap on a score from a DHCP option 55 list alone (<see cref="DefaultParameterListOnlyCap"/> unless set).</summary>
    public double ParameterListOnlyCap { get; set; } = DefaultParameterListOnlyCap;

    private Dictionary<string, double> Weights(DeviceNames names, NameContext? context) =>
        names.Names.ToDictionary(n => n, n => Weight(n, context), StringComparer.Ordinal);

    /// <summary>
    /// A copy without the names whose weight over this signature set (and <paramref name="context"/>) is below
    /// <paramref name="minWeight"/>: what `blinds fingerprint learn` keeps, so that shipped and learned signatures
    /// do not carry names every device asks.
    /// </summary>
    public NameSignatures Cleaned(double minWeight, NameContext? context = null)
    {
        var result = new NameSignatures();
        foreach (var (label, sig) in labels.Where(kv => kv.Value.Observations > 0))
        {
            var copy = result.labels[label] = new Signature { Observations = sig.Observations, Kind = sig.Kind, Source = sig.Source };
            foreach (var (name, count) in sig.Names.Where(kv => Weight(kv.Key, context) >= minWeight))
            {
                copy.Names[name] = count;
            }

            Copy(sig.HostNames, copy.HostNames);
            Copy(sig.VendorClasses, copy.VendorClasses);
            Copy(sig.ParameterLists, copy.ParameterLists);
        }

        return result;
    }

    /// <summary>
    /// Adds every label of <paramref name="other"/> to these signatures (`blinds fingerprint learn --merge`):
    /// observations and per-name counts add up; a label's kind and source are kept unless only the other has one.
    /// </summary>
    public void Merge(NameSignatures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (label, sig) in other.labels.Where(kv => kv.Value.Observations > 0))
        {
            if (!labels.TryGetValue(label, out var mine))
            {
                labels[label] = mine = new Signature();
            }

            mine.Observations += sig.Observations;
            mine.Kind ??= sig.Kind;
            mine.Source ??= sig.Source;
            mine.Changed();
            Add(sig.Names, mine.Names);
            Add(sig.HostNames, mine.HostNames);
            Add(sig.VendorClasses, mine.VendorClasses);
            Add(sig.ParameterLists, mine.ParameterLists);
        }

        documentFrequency = null;
        parameterListFrequency = null;

        static void Add(Dictionary<string, int> from, Dictionary<string, int> to)
        {
            foreach (var (k, v) in from)
            {
                to[k] = to.GetValueOrDefault(k) + v;
            }
        }
    }

    /// <summary>The names of <paramref name="names"/> that <paramref name="label"/> has shown: the evidence behind a score.</summary>
    public IReadOnlyList<string> Shared(string label, DeviceNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return labels.TryGetValue(label, out var sig) ? names.Names.Where(sig.Names.ContainsKey).Order(StringComparer.Ordinal).ToArray() : [];
    }

    /// <summary>Writes the signatures as JSON (what `blinds fingerprint learn` saves).</summary>
    public void Save(Stream output)
    {
        var file = new SignatureFile
        {
            Labels = labels.Where(kv => kv.Value.Observations > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(
                kv => kv.Key,
                kv => new SignatureDto
                {
                    Observations = kv.Value.Observations,
                    Kind = kv.Value.Kind,
                    Source = kv.Value.Source,
                    Names = Sorted(kv.Value.Names),
                    DhcpHostNames = Sorted(kv.Value.HostNames),
                    DhcpVendorClasses = Sorted(kv.Value.VendorClasses),
                    DhcpParameterLists = Sorted(kv.Value.ParameterLists),
                }),
        };
        JsonSerializer.Serialize(output, file, FileOptions);
    }

    /// <summary>Reads signatures written by <see cref="Save"/>; throws <see cref="FormatException"/> naming the file.</summary>
    public static NameSignatures Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads signatures written by <see cref="Save"/> from <paramref name="stream"/>; <paramref name="path"/> names it in errors.</summary>
    public static NameSignatures Read(Stream stream, string path)
    {
        SignatureFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SignatureFile>(stream, FileOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }

        if (file?.Labels is not { Count: > 0 })
        {
            throw new FormatException($"{path}: no labels");
        }

        var result = new NameSignatures();
        foreach (var (label, dto) in file.Labels)
        {
            var sig = result.labels[label] = new Signature { Observations = dto.Observations, Kind = dto.Kind, Source = dto.Source };
            Copy(dto.Names, sig.Names);
            Copy(dto.DhcpHostNames, sig.HostNames);
            Copy(dto.DhcpVendorClasses, sig.VendorClasses);
            Copy(dto.DhcpParameterLists, sig.ParameterLists);
        }

        return result;
    }

    private static void Copy(IDictionary<string, int>? from, Dictionary<string, int> to)
    {
        foreach (var (k, v) in from ?? new Dictionary<string, int>())
        {
            to[k] = v;
        }
    }

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static SortedDictionary<string, int> Sorted(Dictionary<string, int> d) => new(d, StringComparer.Ordinal);

    private void Update(string label, DeviceNames names, int delta)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!labels.TryGetValue(label, out var sig))
        {
            labels[label] = sig = new Signature();
        }

        sig.Observations += delta;
        sig.Changed();
        documentFrequency = null;
        parameterListFrequency = null;
        Count(sig.Names, names.Names, delta);
        Count(sig.HostNames, names.DhcpHostNames, delta);
        Count(sig.VendorClasses, names.DhcpVendorClasses, delta);
        Count(sig.ParameterLists, names.DhcpParameterLists, delta);
    }

    private static void Count(Dictionary<string, int> counts, IEnumerable<string> values, int delta)
    {
        foreach (var v in values)
        {
            counts[v] = counts.GetValueOrDefault(v) + delta;
            if (counts[v] <= 0)
            {
                counts.Remove(v);
            }
        }
    }

    private sealed class SignatureFile
    {
        public Dictionary<string, SignatureDto>? Labels { get; set; }
    }

    private sealed class SignatureDto
    {
        public int Observations { get; set; }

        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Kind { get; set; }

        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public string? Source { get; set; }

        public IDictionary<string, int>? Names { get; set; }

        public IDictionary<string, int>? DhcpHostNames { get; set; }

        public IDictionary<string, int>? DhcpVendorClasses { get; set; }

        public IDictionary<string, int>? DhcpParameterLists { get; set; }
    }

    private sealed class Signature
    {
        public int Observations { get; set; }

        public string? Kind { get; set; }

        public string? Source { get; set; }

        // Registered domains of the names, for the half credit below; rebuilt when names change.
        private HashSet<string>? domains;

        public void Changed() => domains = null;

        public Dictionary<string, int> Names { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> HostNames { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> VendorClasses { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> ParameterLists { get; } = new(StringComparer.Ordinal);

        // Names carry most of the weight: they are many and specific; DHCP facts are few and shared by firmware
        // families. Each name counts by its weight, so a device is not named by the names every device asks.
        public (double Score, IReadOnlyList<string> Matched, double Specificity) Score(DeviceNames d, IReadOnlyDictionary<string, double> weights, Func<string, int> parameterListFrequency, double parameterListCap)
        {
            double score = 0, weight = 0, specificity = 0;
            var matchedFacts = new List<string>();
            if (d.Names.Count > 0)
            {
                // A name never seen but under a registered domain the label uses (a new server of the same
                // maker) counts half; shared clouds (amazonaws.com) and NTP pools give no such credit.
                domains ??= Names.Keys.Select(RegisteredDomain.Of).Where(x => x is not null && !RegisteredDomain.IsShared(x)).ToHashSet(StringComparer.Ordinal)!;
                double matched = 0, total = 0;
                foreach (var n in d.Names.Order(StringComparer.Ordinal))
                {
                    var w = weights.GetValueOrDefault(n, 1.0);
                    total += w;
                    if (Names.ContainsKey(n))
                    {
                        matched += w;
                        specificity = Math.Max(specificity, w);
                        matchedFacts.Add(n);
                    }
                    else if (RegisteredDomain.Of(n) is { } r && domains.Contains(r))
                    {
                        matched += 0.5 * w;
                        matchedFacts.Add($"{n} (same domain)");
                    }
                }

                // Only names that weigh nothing (all shared infrastructure): they neither help nor hurt.
                if (total > 0)
                {
                    score += 0.55 * matched / total;
                    weight += 0.55;
                }
            }

            // A fact counts only when the label knows facts of that sort: signatures seeded from a paper's DNS
            // list say nothing about DHCP, and must not be marked down for it.
            void Fact(IReadOnlySet<string> values, Dictionary<string, int> seen, double w, string what)
            {
                if (values.Count > 0 && seen.Count > 0)
                {
                    var hit = values.Order(StringComparer.Ordinal).FirstOrDefault(seen.ContainsKey);
                    score += w * (hit is null ? 0 : 1);
                    weight += w;
                    if (hit is not null)
                    {
                        matchedFacts.Add($"{what} {hit}");
                    }
                }
            }

            Fact(d.DhcpHostNames, HostNames, 0.2, "DHCP host name");
            Fact(d.DhcpVendorClasses, VendorClasses, 0.1, "DHCP vendor class");
            var otherEvidence = score > 0;

            // Option 55 counts by its specificity: a list k labels share gives 1/k of its weight.
            if (d.DhcpParameterLists.Count > 0 && ParameterLists.Count > 0)
            {
                var hit = d.DhcpParameterLists.Where(ParameterLists.ContainsKey).OrderBy(x => x, StringComparer.Ordinal)
                    .Select(x => (List: x, Specificity: 1.0 / Math.Max(1, parameterListFrequency(x))))
                    .OrderByDescending(x => x.Specificity).FirstOrDefault();
                score += 0.15 * (hit.List is null ? 0 : hit.Specificity);
                weight += 0.15;
                if (hit.List is not null)
                {
                    matchedFacts.Add($"DHCP option 55 {hit.List}");
                }
            }

            var result = weight == 0 ? 0 : score / weight;
            return (otherEvidence ? result : Math.Min(result, parameterListCap), matchedFacts, specificity);
        }
    }
}
