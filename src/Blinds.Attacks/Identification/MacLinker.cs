using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Devices;

namespace Blinds.Attacks.Identification;

/// <summary>Stations judged to be one device, with why and how sure.</summary>
/// <param name="Macs">The MACs, the globally administered one (if any) first.</param>
/// <param name="Evidence">What they share ("dhcp host name Alices-iPhone", ...).</param>
/// <param name="Confidence">Probability-style score: 1 - Π(1 - p) over independent pieces of evidence.</param>
public sealed record LinkedDevice(IReadOnlyList<MacAddress> Macs, IReadOnlyList<string> Evidence, double Confidence);

/// <summary>
/// Links randomised MACs to one device (paper 003 §III.B.1): a phone that changes its MAC keeps asking DHCP under the
/// same host name, announcing the same mDNS name, and looking up the same set of domains.
/// </summary>
public static class MacLinker
{
    // How much each shared fact says, on its own, that two stations are one device. Host names and mDNS names are
    // chosen by the user or vendor per device; a DNS set is weaker (two devices of one model share it).
    private const double HostName = 0.9;
    private const double MdnsName = 0.9;
    private const double DnsSet = 0.6;

    /// <summary>Groups of two or more stations that share identifying names.</summary>
    public static IReadOnlyList<LinkedDevice> Link(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var devices = trace.HomeDevices.ToArray();
        var parent = Enumerable.Range(0, devices.Length).ToArray();
        var evidence = new Dictionary<(int, int), List<(string What, double P)>>();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < devices.Length; i++)
        {
            for (var j = i + 1; j < devices.Length; j++)
            {
                var shared = Shared(devices[i], devices[j]);
                if (shared.Count > 0)
                {
                    evidence[(i, j)] = shared;
                    parent[Find(j)] = Find(i);
                }
            }
        }

        return Enumerable.Range(0, devices.Length).GroupBy(Find).Where(g => g.Count() > 1).Select(g =>
        {
            var members = g.ToArray();
            var facts = evidence.Where(e => members.Contains(e.Key.Item1) && members.Contains(e.Key.Item2)).SelectMany(e => e.Value).ToArray();
            // The weakest link decides: a group is as sure as its least supported pair.
            var confidence = evidence.Where(e => members.Contains(e.Key.Item1)).Select(e => 1 - e.Value.Aggregate(1.0, (q, f) => q * (1 - f.P))).Min();
            var macs = members.Select(m => devices[m].Mac).OrderBy(m => m.IsLocallyAdministered).ThenBy(m => m).ToArray();
            return new LinkedDevice(macs, facts.Select(f => f.What).Distinct(StringComparer.Ordinal).ToArray(), confidence);
        }).ToArray();
    }

    private static List<(string What, double P)> Shared(Device a, Device b)
    {
        var shared = new List<(string, double)>();
        foreach (var h in a.DhcpHostNames.Values.Intersect(b.DhcpHostNames.Values, StringComparer.OrdinalIgnoreCase))
        {
            shared.Add(($"dhcp host name {h}", HostName));
        }

        foreach (var n in a.MdnsNames.Values.Intersect(b.MdnsNames.Values, StringComparer.OrdinalIgnoreCase))
        {
            shared.Add(($"mdns name {n}", MdnsName));
        }

        var da = a.DnsQueries.Values;
        var db = b.DnsQueries.Values;
        var union = da.Union(db).Count();
        if (union >= 3 && da.Intersect(db).Count() >= 0.8 * union)
        {
            shared.Add(($"same {da.Intersect(db).Count()} DNS names", DnsSet));
        }

        return shared;
    }
}
