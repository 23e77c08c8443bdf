using System.Globalization;

using Blinds.Traffic;

namespace Blinds.Reports.Summary;

/// <summary>
/// The texts of the people's summary, shared by <see cref="SummaryText"/> (Spectre.Console) and
/// <see cref="SummaryPlainText"/> (the same bytes without it), so that the two can only differ in layout. Loops rather
/// than LINQ: LINQ over value types (int snap lengths, long sort keys) is JIT-compiled at every start.
/// </summary>
internal static class SummaryCells
{
    /// <summary>The key of the row saying why reading stopped (shown in red by Spectre).</summary>
    public const string StoppedEarly = "Stopped early:";

    /// <summary>The device table's column headers.</summary>
    public static readonly string[] DeviceHeaders = ["MAC", "Vendor", "IPs", "DHCP name", "Up", "Down", "Local", "Packets", "Top domains / SNI"];

    /// <summary>The capinfos-like rows of one file: keys and values, the last one <see cref="StoppedEarly"/> when it stopped early.</summary>
    public static (List<string> Keys, List<string> Values) CaptureRows(CaptureModel c)
    {
        var keys = new List<string>();
        var values = new List<string>();
        void Row(string k, string v)
        {
            keys.Add(k);
            values.Add(v);
        }

        // Through the array when it is one: IReadOnlyList<int>'s indexer over an array is a generic JIT-compiled at start.
        var lengths = c.SnapLengths as int[] ?? [.. c.SnapLengths];
        var snaps = new string[lengths.Length];
        for (var i = 0; i < snaps.Length; i++)
        {
            snaps[i] = lengths[i] == 0 ? "unlimited" : lengths[i].ToString(CultureInfo.InvariantCulture);
        }

        Row("File name:", c.Path);
        Row("File type:", c.Format);
        Row("Encapsulation:", string.Join(", ", c.Encapsulations));
        Row("Snapshot length:", string.Join(", ", snaps));
        Row("Interfaces:", c.Interfaces.ToString(CultureInfo.InvariantCulture));
        Row("Packets:", Formatting.Count(c.Packets) + (c.SnappedPackets > 0 ? $" ({Formatting.Count(c.SnappedPackets)} cut by snap length)" : string.Empty));
        Row("File size:", Formatting.Bytes(c.FileBytes));
        Row("Data size:", $"{Formatting.Bytes(c.CapturedBytes)} captured, {Formatting.Bytes(c.WireBytes)} on the wire");
        Row("First packet:", c.First ?? "n/a");
        Row("Last packet:", c.Last ?? "n/a");
        Row("Duration:", TimeSpan.FromSeconds(c.DurationSeconds).ToString(@"d\.hh\:mm\:ss\.fff", CultureInfo.InvariantCulture));
        if (c.DurationSeconds > 0)
        {
            Row("Average rate:", $"{(c.Packets / c.DurationSeconds).ToString("0.0", CultureInfo.InvariantCulture)} packets/s, {Formatting.Bytes((long)(c.WireBytes / c.DurationSeconds))}/s");
        }

        if (c.Error is not null)
        {
            Row(StoppedEarly, c.Error);
        }

        return (keys, values);
    }

    /// <summary>What follows "Gateway:" (unescaped).</summary>
    public static string Gateway(DeviceModel? gw) => gw is null
        ? "not found (no frames forwarded from internet addresses)"
        : $"{gw.Mac} {gw.Vendor ?? string.Empty} {string.Join(" ", gw.Addresses)}";

    /// <summary>The line after the gateway, without its labels' markup: devices, flows and streams.</summary>
    public static string[] Counts(SummaryModel model) =>
        [model.Devices.Count.ToString(CultureInfo.InvariantCulture), Formatting.Count(model.Flows), Formatting.Count(model.Streams)];

    /// <summary>The line under a table cut at its most rows.</summary>
    public static string MoreDevices(int more) => $"... and {Formatting.Count(more)} more devices with less traffic (--json lists them all)";

    /// <summary>The devices shown, most traffic first (ties in model order, as a stable sort gives), at most <paramref name="max"/>.</summary>
    public static DeviceModel[] ByTraffic(IReadOnlyList<DeviceModel> devices, int max)
    {
        var all = new DeviceModel[devices.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = devices[i];
        }

        StableSort.Sort(all, static (x, y) => Traffic(x) > Traffic(y)); // most traffic first, stable (what OrderByDescending gave)
        return all.Length <= max ? all : all[..max];
    }

    /// <summary>The nine cells of a device's row.</summary>
    public static string[] DeviceRow(DeviceModel d)
    {
        var names = new List<string>();
        foreach (var n in d.TopDomains)
        {
            if (!names.Contains(n.Name))
            {
                names.Add(n.Name);
            }
        }

        var domains = names.Count;
        foreach (var n in d.TopServerNames)
        {
            if (names.Count == 6)
            {
                break;
            }

            if (names.IndexOf(n.Name, 0, domains) < 0)
            {
                names.Add("sni:" + n.Name);
            }
        }

        if (names.Count > 6)
        {
            names.RemoveRange(6, names.Count - 6);
        }

        return
        [
            d.Mac + (d.LocallyAdministered ? " (random)" : string.Empty),
            d.Vendor ?? "?",
            JoinFirst(d.Addresses, 3),
            JoinFirst(d.DhcpHostNames, 2),
            Formatting.Bytes(d.BytesUp),
            Formatting.Bytes(d.BytesDown),
            Formatting.Bytes(d.BytesLocal),
            Formatting.Count(d.PacketsSent + d.PacketsReceived),
            string.Join("\n", names),
        ];
    }

    private static string JoinFirst(IReadOnlyList<string> items, int n)
    {
        var first = new string[Math.Min(n, items.Count)];
        for (var i = 0; i < first.Length; i++)
        {
            first[i] = items[i];
        }

        return string.Join("\n", first);
    }

    private static long Traffic(DeviceModel d) => d.BytesUp + d.BytesDown + d.BytesLocal;
}
