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

    /// <summary>
    /// Most DNS-set comparisons made (stations whose query sets could be alike, by a shared rare name); beyond it the
    /// rest of the DNS-set rule is skipped and <see cref="LinkComparisonsCapped"/> counted. Names never need a cap.
    /// </summary>
    public const long MaxDnsComparisons = 5_000_000;

    /// <summary>Counted when <see cref="MaxDnsComparisons"/> was reached (a LAN flooded with look-alike stations).</summary>
    public static readonly Blinds.Capture.Anomalies.Anomaly LinkComparisonsCapped = Blinds.Capture.Anomalies.Anomaly.Declare("link_comparisons_capped", Blinds.Capture.Anomalies.AnomalyKind.Unsupported, "more stations with alike DNS sets than MAC linking compares; the rest were not linked by DNS set");

    /// <summary>
    /// Groups of two or more stations that share identifying names. Stations are found through an index of their
    /// names, never by comparing every pair: a LAN flooded with random MACs has millions of stations. Each shared
    /// name links the stations that carry it to the first one that did; a group is as sure as its least supported link.
    /// </summary>
    public static IReadOnlyList<LinkedDevice> Link(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var devices = trace.HomeDevices.ToArray();
        var parent = Enumerable.Range(0, devices.Length).ToArray();
        var evidence = new Dictionary<(int, int), List<(string What, double P)>>();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Link(int a, int b, string what, double p)
        {
            var key = a < b ? (a, b) : (b, a);
            if (!evidence.TryGetValue(key, out var facts))
            {
                evidence[key] = facts = [];
            }

            facts.Add((what, p));
            parent[Find(b)] = Find(a);
        }

        LinkByName(devices, d => d.DhcpHostNames.Values, "dhcp host name", HostName, Link);
        LinkByName(devices, d => d.MdnsNames.Values, "mdns name", MdnsName, Link);
        if (LinkByDnsSet(devices, Link))
        {
            trace.Anomalies.Add(LinkComparisonsCapped);
        }

        var byRoot = new Dictionary<int, List<int>>();
        for (var i = 0; i < devices.Length; i++)
        {
            var r = Find(i);
            if (!byRoot.TryGetValue(r, out var list))
            {
                byRoot[r] = list = [];
            }

            list.Add(i);
        }

        var linksByRoot = evidence.GroupBy(e => Find(e.Key.Item1)).ToDictionary(g => g.Key, g => g.ToArray());
        return byRoot.Where(kv => kv.Value.Count > 1).OrderBy(kv => kv.Value[0]).Select(kv =>
        {
            var links = linksByRoot[kv.Key];
            var facts = links.SelectMany(e => e.Value).Select(f => f.What).Distinct(StringComparer.Ordinal).ToArray();
            // The weakest link decides: a group is as sure as its least supported pair.
            var confidence = links.Select(e => 1 - e.Value.Aggregate(1.0, (q, f) => q * (1 - f.P))).Min();
            var macs = kv.Value.Select(m => devices[m].Mac).OrderBy(m => m.IsLocallyAdministered).ThenBy(m => m).ToArray();
            return new LinkedDevice(macs, facts, confidence);
        }).ToArray();
    }

    // Every station carrying a name is linked to the first station that carried it (case-insensitively).
    private static void LinkByName(Device[] devices, Func<Device, IEnumerable<string>> names, string what, double p, Action<int, int, string, double> link)
    {
        var first = new Dictionary<string, (int Station, string Name)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < devices.Length; i++)
        {
            foreach (var n in names(devices[i]).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (first.TryGetValue(n, out var f))
                {
                    link(f.Station, i, $"{what} {f.Name}", p);
                }
                else
                {
                    first[n] = (i, n);
                }
            }
        }
    }

    // Two stations whose DNS query sets overlap by 80% of their union (at least 3 names) are linked. Identical sets
    // are linked through a hash of the set; other candidates through prefix filtering: with sets ordered rarest name
    // first, two sets that alike must share one of the first |set| - ceil(0.8 |set|) + 1 names of each.
    private static bool LinkByDnsSet(Device[] devices, Action<int, int, string, double> link)
    {
        var sets = new string[devices.Length][];
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < devices.Length; i++)
        {
            sets[i] = devices[i].DnsQueries.Values.Distinct(StringComparer.Ordinal).ToArray();
            foreach (var n in sets[i])
            {
                frequency[n] = frequency.GetValueOrDefault(n) + 1;
            }
        }

        var representatives = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<int>();
        for (var i = 0; i < devices.Length; i++)
        {
            if (sets[i].Length == 0)
            {
                continue;
            }

            Array.Sort(sets[i], StringComparer.Ordinal);
            var key = string.Join('\n', sets[i]);
            if (representatives.TryGetValue(key, out var same))
            {
                if (sets[i].Length >= 3)
                {
                    link(same, i, $"same {sets[i].Length} DNS names", DnsSet);
                }

                continue;
            }

            representatives[key] = i;
            distinct.Add(i);
        }

        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        long comparisons = 0;
        foreach (var i in distinct.OrderBy(i => sets[i].Length))
        {
            var ordered = sets[i].OrderBy(n => frequency[n]).ThenBy(n => n, StringComparer.Ordinal).ToArray();
            var prefix = ordered.Length - (int)Math.Ceiling(0.8 * ordered.Length) + 1;
            var seen = new HashSet<int>();
            for (var k = 0; k < prefix; k++)
            {
                if (!index.TryGetValue(ordered[k], out var others))
                {
                    continue;
                }

                foreach (var j in others)
                {
                    if (!seen.Add(j))
                    {
                        continue;
                    }

                    if (++comparisons > MaxDnsComparisons)
                    {
                        return true;
                    }

                    // Sets are compared smallest first, so |j| <= |i|: a pair 80% alike has |j| >= 0.8 |i|.
                    if (sets[j].Length < 0.8 * sets[i].Length)
                    {
                        continue;
                    }

                    var common = sets[i].Intersect(sets[j], StringComparer.Ordinal).Count();
                    var union = sets[i].Length + sets[j].Length - common;
                    if (union >= 3 && common >= 0.8 * union)
                    {
                        link(j, i, $"same {common} DNS names", DnsSet);
                    }
                }
            }

            for (var k = 0; k < prefix; k++)
            {
                if (!index.TryGetValue(ordered[k], out var list))
                {
                    index[ordered[k]] = list = [];
                }

                list.Add(i);
            }
        }

        return false;
    }
}
