using System.Text.RegularExpressions;

using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Traffic.Tests;

/// <summary>
/// The IoT Sentinel captures (31 devices, one folder per device type) against REPORT.md's table of DHCP host names,
/// vendor classes and top DNS/mDNS names per device, computed there with tshark.
/// </summary>
public partial class IotSentinelTests(ITestOutputHelper output)
{
    private sealed record Expected(string Type, MacAddress Mac, IReadOnlyList<string> HostNames, IReadOnlyList<string> VendorClasses, IReadOnlyList<string> Names);

    [SkippableFact]
    public void Dhcp_and_dns_names_per_device_match_the_report()
    {
        var data = SharedData.Require();
        var root = Path.Combine(data, "andypitcher_IoT_Sentinel", "captures_IoT_Sentinel", "captures_IoT-Sentinel");
        Skip.IfNot(Directory.Exists(root), $"{root} is absent");
        var expected = ParseReport(File.ReadAllText(Path.Combine(data, "REPORT.md")));
        Assert.Equal(31, expected.Count);
        var checkedNames = 0;
        foreach (var e in expected)
        {
            var files = Directory.GetFiles(Path.Combine(root, e.Type), "*.pcap").Order(StringComparer.Ordinal).ToArray();
            Assert.NotEmpty(files);
            var trace = TraceBuilder.ReadFiles(files);
            var device = trace.FindDevice(e.Mac);
            Assert.True(device is not null, $"{e.Type}: {e.Mac} not found");
            foreach (var h in e.HostNames)
            {
                Assert.Contains(h, device!.DhcpHostNames.Values);
            }

            foreach (var v in e.VendorClasses)
            {
                Assert.Contains(v, device!.DhcpVendorClasses.Values);
            }

            var asked = device!.DnsQueries.Values.Concat(device.MdnsQueries.Values).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var n in e.Names)
            {
                // The report cut names at their first space ("D-Link" for "D-Link DCS-935L Configuration Utility._http._tcp.local").
                Assert.True(asked.Contains(n) || asked.Any(a => a.StartsWith(n + " ", StringComparison.OrdinalIgnoreCase)), $"{e.Type}: {n} not among {string.Join(", ", asked.Take(20))}");
                checkedNames++;
            }
        }

        output.WriteLine($"31 devices, {checkedNames} names checked");
    }

    private static List<Expected> ParseReport(string report)
    {
        var list = new List<Expected>();
        var inTable = false;
        foreach (var line in report.Split('\n'))
        {
            if (line.StartsWith("| type | MAC | DHCP hostname", StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }

            if (!inTable || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            if (!line.StartsWith('|'))
            {
                break;
            }

            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var hosts = new List<string>();
            var vendors = new List<string>();
            foreach (var pair in cells[3].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair == "–")
                {
                    continue;
                }

                var slash = pair.IndexOf('/', StringComparison.Ordinal);
                if (slash > 0)
                {
                    hosts.Add(pair[..slash]);
                }

                if (slash >= 0 && slash < pair.Length - 1)
                {
                    vendors.Add(pair[(slash + 1)..]);
                }
            }

            // "a,b(300) c(20)": names joined by commas were asked together; the count follows in parentheses.
            var names = NameCount().Matches(cells[4]).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            list.Add(new Expected(cells[1], MacAddress.Parse(cells[2]), hosts, vendors, names));
        }

        return list;
    }

    [GeneratedRegex(@"(\S+)\(\d+\)")]
    private static partial Regex NameCount();
}
