using System.Globalization;

using Spectre.Console;

namespace Blinds.Reports.Summary;

/// <summary>Renders a <see cref="SummaryModel"/> for people: a capinfos-like header per file, a device table, the anomalies.</summary>
public static class SummaryText
{
    /// <summary>Most device rows in the table: past that a table is no longer for reading (JSON has them all).</summary>
    public const int MaxDeviceRows = 100;

    /// <summary>Writes the summary to <paramref name="console"/>.</summary>
    public static void Render(SummaryModel model, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        foreach (var c in model.Captures)
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string k, string v) => grid.AddRow(new Markup($"[grey]{Markup.Escape(k)}[/]"), new Text(v));
            Row("File name:", c.Path);
            Row("File type:", c.Format);
            Row("Encapsulation:", string.Join(", ", c.Encapsulations));
            Row("Snapshot length:", string.Join(", ", c.SnapLengths.Select(s => s == 0 ? "unlimited" : s.ToString(CultureInfo.InvariantCulture))));
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
                grid.AddRow(new Markup("[red]Stopped early:[/]"), new Text(c.Error));
            }

            console.Write(grid);
            console.WriteLine();
        }

        var gw = model.Gateway;
        console.MarkupLine(gw is null
            ? "[grey]Gateway:[/] not found (no frames forwarded from internet addresses)"
            : $"[grey]Gateway:[/] {Markup.Escape(gw.Mac)} {Markup.Escape(gw.Vendor ?? string.Empty)} {Markup.Escape(string.Join(" ", gw.Addresses))}");
        console.MarkupLine($"[grey]Devices:[/] {model.Devices.Count}   [grey]Flows:[/] {Formatting.Count(model.Flows)}   [grey]Streams:[/] {Formatting.Count(model.Streams)}");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var h in new[] { "MAC", "Vendor", "IPs", "DHCP name", "Up", "Down", "Local", "Packets", "Top domains / SNI" })
        {
            table.AddColumn(new TableColumn(h));
        }

        foreach (var d in model.Devices.OrderByDescending(d => d.BytesUp + d.BytesDown + d.BytesLocal).Take(MaxDeviceRows))
        {
            var domains = d.TopDomains.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            var names = domains.Concat(d.TopServerNames.Where(n => !domains.Contains(n.Name)).Select(n => "sni:" + n.Name)).Take(6);
            table.AddRow(
                new Text(d.Mac + (d.LocallyAdministered ? " (random)" : string.Empty)),
                new Text(d.Vendor ?? "?"),
                new Text(string.Join("\n", d.Addresses.Take(3))),
                new Text(string.Join("\n", d.DhcpHostNames.Take(2))),
                new Text(Formatting.Bytes(d.BytesUp)),
                new Text(Formatting.Bytes(d.BytesDown)),
                new Text(Formatting.Bytes(d.BytesLocal)),
                new Text(Formatting.Count(d.PacketsSent + d.PacketsReceived)),
                new Text(string.Join("\n", names)));
        }

        console.Write(table);
        if (model.Devices.Count > MaxDeviceRows)
        {
            console.MarkupLine($"[grey]... and {Formatting.Count(model.Devices.Count - MaxDeviceRows)} more devices with less traffic (--json lists them all)[/]");
        }

        if (model.Anomalies.Count == 0)
        {
            console.MarkupLine("[grey]Anomalies:[/] none");
            return;
        }

        var at = new Table().Border(TableBorder.Simple).Title("Anomalies (weird log)");
        at.AddColumn("id").AddColumn("kind").AddColumn(new TableColumn("count").RightAligned()).AddColumn("first seen");
        foreach (var a in model.Anomalies)
        {
            at.AddRow(new Text(a.Id), new Text(a.Kind), new Text(Formatting.Count(a.Count)), new Text(a.FirstOffset >= 0 ? $"{a.FirstFile} @ {a.FirstOffset}" : a.FirstFile ?? string.Empty));
        }

        console.Write(at);
    }
}
