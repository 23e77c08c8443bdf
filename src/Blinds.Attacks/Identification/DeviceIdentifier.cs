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
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui, Func<ObservedEntity, IReadOnlyDictionary<string, double>?>? traffic)
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
            var combined = probabilities is null ? null : CombinedIdentification.Combine(match, probabilities);
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
                var group = combined.Labels.Count > 1 ? $" (its packets cannot split {string.Join(", ", combined.Labels)})" : string.Empty;
                evidence.Add($"traffic says {t} ({probabilities.GetValueOrDefault(t):0.00}){group}: protocols, ports, sizes and timing of its packets");
            }

            result.Add(combined is null
                ? new EntityIdentity(e, label, label is null ? DeviceKind.Unknown : signatures.KindOf(label), match.Confidence, vendor, evidence) { Tied = match.Labels }
                : new EntityIdentity(e, label, label is null ? DeviceKind.Unknown : signatures.KindOf(label), combined.Confidence / Math.Max(1, combined.Labels.Count), vendor, evidence) { Tied = combined.Labels });
        }

        return result;
    }
}
