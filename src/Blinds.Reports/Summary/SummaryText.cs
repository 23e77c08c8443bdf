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
            var (keys, values) = SummaryCells.CaptureRows(c);
            for (var i = 0; i < keys.Count; i++)
            {
                var colour = c.Error is not null && i == keys.Count - 1 ? "red" : "grey";
                grid.AddRow(new Markup($"[{colour}]{Markup.Escape(keys[i])}[/]"), new Text(values[i]));
            }

            console.Write(grid);
            console.WriteLine();
        }

        var counts = SummaryCells.Counts(model);
        console.MarkupLine($"[grey]Gateway:[/] {Markup.Escape(SummaryCells.Gateway(model.Gateway))}");
        console.MarkupLine($"[grey]Devices:[/] {counts[0]}   [grey]Flows:[/] {counts[1]}   [grey]Streams:[/] {counts[2]}");
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var h in SummaryCells.DeviceHeaders)
        {
            table.AddColumn(new TableColumn(h));
        }

        foreach (var d in SummaryCells.ByTraffic(model.Devices, MaxDeviceRows))
        {
            var cells = SummaryCells.DeviceRow(d);
            var row = new Text[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                row[i] = new Text(cells[i]);
            }

            table.AddRow(row);
        }

        console.Write(table);
        if (model.Devices.Count > MaxDeviceRows)
        {
            console.MarkupLine($"[grey]{Markup.Escape(SummaryCells.MoreDevices(model.Devices.Count - MaxDeviceRows))}[/]");
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
