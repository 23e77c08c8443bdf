using System.Globalization;
using System.Text;

using Blinds.Attacks.Identification;
using Blinds.Traffic;

using CsvHelper;

namespace Blinds.Reports.Labels;

/// <summary>
/// `blinds label`: the stations a capture shows, with vendor and names, as a devices.csv (`mac,name,type` first,
/// the columns that help recognise a device after) for a person to complete. The gateway is left out.
/// </summary>
public static class StationList
{
    /// <summary>The rows for <paramref name="trace"/>, busiest station first.</summary>
    public static IReadOnlyList<StationRow> Build(Trace trace, OuiDatabase oui, int names = 5)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(oui);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<StationRow>();
        foreach (var d in trace.HomeDevices.OrderByDescending(d => d.BytesSent + d.BytesReceived).ThenBy(d => d.Mac))
        {
            var vendor = d.Mac.IsLocallyAdministered ? "randomised" : oui.Lookup(d.Mac) ?? string.Empty;
            var seen = d.DnsQueries.Top(names).Concat(d.TlsServerNames.Top(names)).Concat(d.MdnsNames.Top(names))
                .OrderByDescending(kv => kv.Value).Select(kv => kv.Key).Distinct(StringComparer.OrdinalIgnoreCase).Take(names);
            rows.Add(new StationRow(
                d.Mac.ToString(),
                Suggest(d.DhcpHostNames.Values is [var host, ..] ? host : d.MdnsNames.Top(1) is [var mdns, ..] ? mdns.Key : null, vendor, d.Mac.ToString(), taken),
                string.Empty,
                vendor,
                string.Join("; ", d.DhcpHostNames.Values),
                string.Join("; ", seen),
                d.BytesSent + d.BytesReceived));
        }

        return rows;
    }

    /// <summary>Writes the rows as CSV (CsvHelper: quoting and escaping are its job) to <paramref name="output"/>, left open.</summary>
    public static void Write(IEnumerable<StationRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(output, null, true);
        foreach (var h in new[] { "mac", "name", "type", "vendor", "dhcp_host_names", "names", "bytes" })
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Mac);
            csv.WriteField(r.Name);
            csv.WriteField(r.Type);
            csv.WriteField(r.Vendor);
            csv.WriteField(r.DhcpHostNames);
            csv.WriteField(r.Names);
            csv.WriteField(r.Bytes.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    // A short, unique, filename-safe suggestion: the device's own name, else its vendor's first word and MAC tail.
    private static string Suggest(string? own, string vendor, string mac, HashSet<string> taken)
    {
        var tail = mac[^5..].Replace(":", string.Empty, StringComparison.Ordinal);
        var basis = own is { Length: > 0 } ? own.Replace(".local", string.Empty, StringComparison.OrdinalIgnoreCase)
            : vendor is { Length: > 0 } and not "randomised" ? $"{vendor.Split(' ', ',', '.')[0]}-{tail}"
            : $"device-{tail}";
        var sb = new StringBuilder();
        foreach (var c in basis.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var name = sb.ToString().Trim('-');
        if (name.Length == 0)
        {
            name = $"device-{tail}";
        }

        var unique = name;
        for (var i = 2; !taken.Add(unique); i++)
        {
            unique = $"{name}-{i}";
        }

        return unique;
    }
}
