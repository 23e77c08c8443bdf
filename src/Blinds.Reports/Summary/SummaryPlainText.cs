using System.Text;

namespace Blinds.Reports.Summary;

/// <summary>
/// <see cref="SummaryText"/>'s output, byte for byte, without Spectre.Console, for output that is not a terminal (a
/// file or a pipe: no colours, a fixed width). Why: Spectre's console and table layout cost ~30 ms of a small
/// capture's whole run (its own generics and the framework's over its types are JIT-compiled at every start: issue 16
/// item 6), and a summary piped to a script or a file is the common case for small captures. It lays out only what it
/// can reproduce exactly, as Spectre 0.57 does it (column widths: the widest line of each column, the spare width of
/// an expanded table shared in proportion to them, rounding up, as Spectre's Ratio.Distribute): printable ASCII without
/// leading or trailing spaces, nothing to wrap or collapse, no anomalies table. For anything else it declines and Spectre renders.
/// A property test holds it to Spectre's output on random models (SummaryPlainTextProperties).
/// </summary>
public static class SummaryPlainText
{
    /// <summary>The summary as Spectre would write it at <paramref name="width"/> columns without colours, or null when it cannot say.</summary>
    public static string? TryRender(SummaryModel model, int width)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Anomalies.Count > 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var c in model.Captures)
        {
            var (keys, values) = SummaryCells.CaptureRows(c);
            if (!Grid(text, keys, values, width))
            {
                return null;
            }

            text.Append('\n');
        }

        var counts = SummaryCells.Counts(model);
        if (!Line(text, "Gateway: " + SummaryCells.Gateway(model.Gateway), width)
            || !Line(text, $"Devices: {counts[0]}   Flows: {counts[1]}   Streams: {counts[2]}", width))
        {
            return null;
        }

        var devices = SummaryCells.ByTraffic(model.Devices, SummaryText.MaxDeviceRows);
        var rows = new string[devices.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = SummaryCells.DeviceRow(devices[i]);
        }

        if (!Table(text, SummaryCells.DeviceHeaders, rows, width)
            || (model.Devices.Count > SummaryText.MaxDeviceRows && !Line(text, SummaryCells.MoreDevices(model.Devices.Count - SummaryText.MaxDeviceRows), width)))
        {
            return null;
        }

        text.Append("Anomalies: none\n");
        return text.ToString();
    }

    // A line of text one cell per character that Spectre writes as it is: printable ASCII without leading or
    // trailing spaces (what Spectre's word splitting does with those is not reproduced here).
    private static bool Plain(string line)
    {
        if (line.Length > 0 && (line[0] == ' ' || line[^1] == ' '))
        {
            return false;
        }

        foreach (var c in line)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Line(StringBuilder text, string line, int width)
    {
        if (line.Length > width || !Plain(line))
        {
            return false;
        }

        text.Append(line).Append('\n');
        return true;
    }

    // The widest line of a cell (lines split at '\n'), or -1 when a line is not plain.
    private static int Widest(string cell)
    {
        var widest = 0;
        foreach (var line in cell.Split('\n'))
        {
            if (!Plain(line))
            {
                return -1;
            }

            widest = Math.Max(widest, line.Length);
        }

        return widest;
    }

    // A Spectre Grid of two columns (padding 2 after the first, none after the last), not expanded.
    private static bool Grid(StringBuilder text, List<string> keys, List<string> values, int width)
    {
        int keyWidth = 0, valueWidth = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            int k = Widest(keys[i]), v = Widest(values[i]);
            if (k < 0 || v < 0 || keys[i].Contains('\n', StringComparison.Ordinal) || values[i].Contains('\n', StringComparison.Ordinal))
            {
                return false;
            }

            keyWidth = Math.Max(keyWidth, k);
            valueWidth = Math.Max(valueWidth, v);
        }

        if (keyWidth + valueWidth > width - 2)
        {
            return false;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            Repeat(text.Append(keys[i]), ' ', keyWidth - keys[i].Length + 2);
            Repeat(text.Append(values[i]), ' ', valueWidth - values[i].Length).Append('\n');
        }

        return true;
    }

    // A Spectre Table with the rounded border, expanded to the width, one cell of padding each side.
    private static bool Table(StringBuilder text, string[] headers, string[][] rows, int width)
    {
        var n = headers.Length;
        var widths = new int[n];
        for (var c = 0; c < n; c++)
        {
            widths[c] = Widest(headers[c]);
            foreach (var row in rows)
            {
                var w = Widest(row[c]);
                if (w < 0 || widths[c] < 0)
                {
                    return false;
                }

                widths[c] = Math.Max(widths[c], w);
            }
        }

        // Borders: an edge each side and a separator between columns; one space of padding each side of a cell.
        var available = width - (n - 1) - 2 - (2 * n);
        var total = 0;
        foreach (var w in widths)
        {
            total += w;
        }

        if (total > available || total <= 0)
        {
            return false;
        }

        // The spare width shared in proportion to the widths, each share rounded up (Spectre's Ratio.Distribute).
        int remaining = available - total, ratios = total;
        for (var c = 0; c < n && ratios > 0; c++)
        {
            var share = (int)Math.Ceiling(widths[c] * remaining / (double)ratios);
            ratios -= widths[c];
            remaining -= share;
            widths[c] += share;
        }

        Border(text, widths, '╭', '┬', '╮');
        Row(text, headers, widths);
        if (rows.Length > 0)
        {
            Border(text, widths, '├', '┼', '┤');
            foreach (var row in rows)
            {
                Row(text, row, widths);
            }
        }

        Border(text, widths, '╰', '┴', '╯');
        return true;
    }

    // A char at a time: StringBuilder.Append(char, count) fills through vectorised code that is JIT-compiled at start.
    private static StringBuilder Repeat(StringBuilder text, char c, int count)
    {
        for (var i = 0; i < count; i++)
        {
            text.Append(c);
        }

        return text;
    }

    private static void Border(StringBuilder text, int[] widths, char left, char separator, char right)
    {
        text.Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            Repeat(text, '─', widths[c] + 2).Append(c == widths.Length - 1 ? right : separator);
        }

        text.Append('\n');
    }

    private static void Row(StringBuilder text, string[] cells, int[] widths)
    {
        var lines = new string[cells.Length][];
        var height = 1;
        for (var c = 0; c < cells.Length; c++)
        {
            lines[c] = cells[c].Split('\n');
            height = Math.Max(height, lines[c].Length);
        }

        for (var l = 0; l < height; l++)
        {
            text.Append('│');
            for (var c = 0; c < cells.Length; c++)
            {
                var line = l < lines[c].Length ? lines[c][l] : string.Empty;
                Repeat(text.Append(' ').Append(line), ' ', widths[c] - line.Length + 1).Append('│');
            }

            text.Append('\n');
        }
    }
}
