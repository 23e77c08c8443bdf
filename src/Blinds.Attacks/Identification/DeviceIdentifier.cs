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
    public static IReadOnlyList<EntityIdentity> Identify(ObserverView view, NameSignatures signatures, OuiDatabase? oui)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(signatures);
        var result = new List<EntityIdentity>(view.Entities.Count);
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

            var (label, score) = e.Names.IsEmpty ? (null, 0) : signatures.Identify(e.Names);
            if (label is not null)
            {
                var shared = signatures.Shared(label, e.Names);
                if (shared.Count > 0)
                {
                    evidence.Add($"{shared.Count} of {e.Names.Names.Count} names known for {label}: {string.Join(", ", shared.Take(3))}{(shared.Count > 3 ? ", ..." : string.Empty)}");
                }
                else
                {
                    evidence.Add($"names under domains {label} uses");
                }

                foreach (var h in e.Names.DhcpHostNames.Take(1))
                {
                    evidence.Add($"DHCP host name {h}");
                }
            }
            else if (!e.Names.IsEmpty)
            {
                evidence.Add($"{e.Names.Names.Count} names, none matching a signature (best score {score:0.00})");
            }

            result.Add(new EntityIdentity(e, label, label is null ? null : signatures.KindOf(label), score, vendor, evidence));
        }

        return result;
    }
}
