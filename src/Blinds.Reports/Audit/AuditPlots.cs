using Blinds.Traffic.Series;

using ScottPlot;

namespace Blinds.Reports.Audit;

/// <summary>The report's pictures, drawn with ScottPlot and embedded as SVG (the report works offline, one file).</summary>
public static class AuditPlots
{
    private const int Width = 900, Height = 260;

    /// <summary>
    /// A device's internet traffic per minute, up and down, over the capture, with its inferred activities marked
    /// (paper 000 Fig. 2, 002 Fig. 1/5).
    /// </summary>
    public static string Rates(string title, RateSeries series, IEnumerable<long> activityStartsNs)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(activityStartsNs);
        var perMinute = Math.Max(1, (int)(60_000_000_000L / series.BinNs));
        var minutes = (series.Count + perMinute - 1) / perMinute;
        var up = new double[minutes];
        var down = new double[minutes];
        foreach (var b in series.Bins)
        {
            up[b.Index / perMinute] += b.BytesUp;
            down[b.Index / perMinute] += b.BytesDown;
        }

        var hours = Enumerable.Range(0, minutes).Select(m => m / 60.0).ToArray();
        var plot = new Plot();
        Line(plot, hours, up.Select(v => v / 1e3).ToArray(), "sent", Colors.SteelBlue);
        Line(plot, hours, down.Select(v => v / 1e3).ToArray(), "received", Colors.DarkOrange);
        foreach (var t in activityStartsNs)
        {
            var line = plot.Add.VerticalLine((t - series.OriginNs) / 3.6e12);
            line.Color = Colors.Crimson.WithAlpha(0.6);
            line.LineWidth = 1;
        }

        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "hours since the capture began";
        plot.Axes.Left.Label.Text = "KB per minute";
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>The rate features of paper 002 Fig. 3: each device's windows by the mean and spread of their samples (log scales).</summary>
    public static string Features(IEnumerable<(string Device, IReadOnlyList<double[]> Windows)> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var plot = new Plot();
        foreach (var (device, windows) in devices)
        {
            var points = windows.Where(w => w[0] > 0).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var s = plot.Add.ScatterPoints(points.Select(w => Math.Log10(w[0])).ToArray(), points.Select(w => Math.Log10(1 + w[1])).ToArray());
            s.LegendText = device;
            s.MarkerSize = 4;
        }

        plot.Title("Rate features of 300 s windows (10 s samples): devices cluster apart");
        plot.Axes.Bottom.Label.Text = "log10 mean bytes per sample";
        plot.Axes.Left.Label.Text = "log10 (1 + std)";
        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot, Height + 140);
    }

    /// <summary>Bytes per hour of the day (paper 003's daily view).</summary>
    public static string Hourly(IReadOnlyList<AuditHour> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var plot = new Plot();
        var up = plot.Add.Bars(hours.Select(h => (double)h.Hour - 0.2).ToArray(), hours.Select(h => h.BytesUp / 1e6).ToArray());
        up.LegendText = "sent";
        up.Color = Colors.SteelBlue;
        foreach (var b in up.Bars)
        {
            b.Size = 0.4;
        }

        var down = plot.Add.Bars(hours.Select(h => h.Hour + 0.2).ToArray(), hours.Select(h => h.BytesDown / 1e6).ToArray());
        down.LegendText = "received";
        down.Color = Colors.DarkOrange;
        foreach (var b in down.Bars)
        {
            b.Size = 0.4;
        }

        plot.Title("Internet traffic by hour of day (UTC)");
        plot.Axes.Bottom.Label.Text = "hour";
        plot.Axes.Left.Label.Text = "MB";
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    private static void Line(Plot plot, double[] x, double[] y, string label, Color color)
    {
        var s = plot.Add.Scatter(x, y);
        s.MarkerSize = 0;
        s.LineWidth = 1;
        s.Color = color;
        s.LegendText = label;
    }

    // The XML declaration goes: the SVG is inlined in HTML.
    private static string Svg(Plot plot, int height = Height)
    {
        var svg = plot.GetSvgXml(Width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
