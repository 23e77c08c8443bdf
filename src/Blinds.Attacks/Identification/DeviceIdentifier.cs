using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;

namespace Blinds.Attacks.Identification;

/// <summary>
/// Labels each entity of an observer's view from what that observer can read: the MAC's vendor (LAN, Wi-Fi),
/// names against signatures (LAN: DNS, SNI, mDNS, DHCP; ISP: the DNS/SNI name of each service address).
/// Traffic rates identify only against labelled training data: see <see cref="ViewEvaluation"/>.
/// </summary>
public static class DeviceIdentifier
{
    /// <summary>One identity per entity, in the view's order.</summary>
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui) => Identify(view, signatures, oui, null);

    /// <summary>
    /// One identity per entity, names combined with a traffic classifier's probabilities for the entities
    /// <paramref name="traffic"/> gives any (<see cref="CombinedIdentification"/>): devices that name nothing are
    /// then identified from their packets, and labels it cannot split are reported as a group.
    /// </summary>
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui, Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? traffic) =>
        Identify(view, signatures, oui, traffic, null);

    /// <summary>
    /// As <see cref="Identify(ObserverView, NameSignatures, OuiDatabase?, Func{ObservedEntity, IReadOnlyDictionary{string, double}?}?)"/>,
    /// with <paramref name="groups"/> (labels learned from one MAC, reported together; may be null). Where traffic
    /// takes part, a guess below <see cref="CombinationSettings.UnknownBelow"/> is no label: the device is "unknown"
    /// and the guess is kept in <see cref="EntityIdentity.Guess"/>.
    /// </summary>
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui, Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? traffic, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups) =>
        Identify(view, signatures, oui, traffic, groups, null);

    /// <summary>As the overload without <paramref name="novelty"/>, which scores how unlike the training traffic an entity's is (<see cref="TrafficNovelty"/>; may be null).</summary>
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui, Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? traffic, IReadOnlyDictionary<string, IReadOnlyList<string>>? groups, Func<ObservedEntity, double?>? novelty)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(signatures);
        var result = new List<EntityIdentity>(view.Entities.Count);
        var context = new NameContext(view.Entities.Select(e => e.Names));
        foreach (var e in view.Entities)
        {
            var evidence = new List<string>();
            string? vendor = null;
            if (e.Mac is { } mac)
            {
                if (mac.IsLocallyAdministered)
                {
                    evidence.Add("randomised MAC (locally administered): no vendor");
                }
                else if (oui?.Lookup(mac) is { } v)
                {
                    vendor = v;
                    evidence.Add($"MAC vendor {v}");
                }
            }

            var match = e.Names.IsEmpty ? NameMatch.None(0) : signatures.Match(e.Names, context);
            var probabilities = traffic?.Invoke(e);
            var combined = probabilities is null ? null : CombinedIdentification.Combine(match, probabilities, CombinationSettings.Default, groups, novelty?.Invoke(e));
            if (combined is { Unknown: true, Label: { } guess })
            {
                evidence.Add(combined.Novel
                    ? $"unknown: its traffic is unlike any the model learned (farther from it than {CombinationSettings.Default.NovelAbove:P0} of the training captures are from their nearest), so the guess {string.Join(" | ", combined.Labels)} means little"
                    : $"unknown: the best guess, {string.Join(" | ", combined.Labels)} ({combined.Confidence:0.00}), is below {CombinationSettings.Default.UnknownBelow:0.00}: probably none of the {signatures.Labels.Count} labels learned");
                var kept = new EntityIdentity(e, null, DeviceKind.Unknown, combined.Confidence, vendor, evidence) { Tied = [], Guess = combined.Labels };
                AddTraffic(evidence, combined, probabilities!, guess);
                result.Add(kept);
                continue;
            }

            var label = combined?.Label ?? match.Label;
            if (label is not null)
            {
                var names = match.Matched.Where(m => !m.StartsWith("DHCP ", StringComparison.Ordinal)).ToArray();
                var who = match.IsTie ? $"{string.Join(" and ", match.Labels)} alike (a tie: the names cannot split them)" : label;
                if (names.Length > 0)
                {
                    evidence.Add($"{names.Length} of {e.Names.Names.Count} names matching {who}: {string.Join(", ", names.Take(3))}{(names.Length > 3 ? ", ..." : string.Empty)}");
                }

                evidence.AddRange(match.Matched.Where(m => m.StartsWith("DHCP ", StringComparison.Ordinal)).Select(m => $"{m} as {who}"));
            }
            else if (!e.Names.IsEmpty)
            {
                evidence.Add($"{e.Names.Names.Count} names, none matching a signature (best score {match.Score:0.00})");
            }

            if (combined?.Label is { } t && probabilities is not null)
            {
                AddTraffic(evidence, combined, probabilities, t);
            }

            result.Add(combined is null
                ? new EntityIdentity(e, label, label is null ? DeviceKind.Unknown : signatures.KindOf(label), match.Confidence, vendor, evidence) { Tied = match.Labels }
                : new EntityIdentity(e, label, label is null ? DeviceKind.Unknown : signatures.KindOf(label), combined.Confidence / Math.Max(1, combined.Labels.Count), vendor, evidence) { Tied = combined.Labels });
        }

        return result;
    }

    private static void AddTraffic(List<string> evidence, CombinedGuess combined, IReadOnlyDictionary<string, double> probabilities, string label)
    {
        var group = combined.Labels.Count > 1 ? $" (its packets cannot split {string.Join(", ", combined.Labels)})" : string.Empty;
        var role = combined.NamesDecided ? " (a specific name decided; traffic only orders close labels)" : string.Empty;
        evidence.Add($"traffic says {label} ({probabilities.GetValueOrDefault(label):0.00}){group}{role}: protocols, ports, sizes and timing of its packets");
    }
}
