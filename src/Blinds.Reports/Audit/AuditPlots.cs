using Blinds.Traffic.Series;

using ScottPlot;

namespace Blinds.Reports.Audit;

/// <summary>The report's pictures, drawn with ScottPlot and embedded as SVG (the report works offline, one file).</summary>
public static class AuditPlots
{
    private const int Width = 900, Height = 260, MaxPoints = 2_000, MaxScatter = 500;

    /// <summary>
    /// A device's internet traffic per minute, up and down, over the capture, with its inferred activities marked
    /// (paper 000 Fig. 2, 002 Fig. 1/5).
    /// </summary>
    public static string Rates(string title, RateSeries series, IEnumerable<long> activityStartsNs)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(activityStartsNs);
        // A minute a point up to a day and a half; longer captures get coarser points, so that a 22-day capture
        // draws ~2,000 points, not 31,680 (the SVG stays small, the line readable).
        var binsPerMinute = Math.Max(1, (int)(60_000_000_000L / series.BinNs));
        var span = Math.Max(1, (series.Count + binsPerMinute - 1) / binsPerMinute);
        var minutesPerPoint = Math.Max(1, (span + MaxPoints - 1) / MaxPoints);
        var perPoint = binsPerMinute * minutesPerPoint;
        var points = (series.Count + perPoint - 1) / perPoint;
        var up = new double[points];
        var down = new double[points];
        foreach (var b in series.Bins)
        {
            up[b.Index / perPoint] += b.BytesUp;
            down[b.Index / perPoint] += b.BytesDown;
        }

        var hours = Enumerable.Range(0, points).Select(m => m * minutesPerPoint / 60.0).ToArray();
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
        plot.Axes.Left.Label.Text = minutesPerPoint == 1 ? "KB per minute" : $"KB per {minutesPerPoint} minutes";
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

            // Weeks of windows would make the SVG megabytes: every k-th window keeps the cloud's shape.
            if (points.Length > MaxScatter)
            {
                var step = (points.Length + MaxScatter - 1) / MaxScatter;
                points = points.Where((_, i) => i % step == 0).ToArray();
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

    /// <summary>Internet bytes by protocol and port, the ten largest (paper 003's protocol view).</summary>
    public static string Protocols(IReadOnlyList<AuditProtocol> protocols)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        var top = protocols.Take(10).ToArray();
        var plot = new Plot();
        var bars = plot.Add.Bars(top.Select((p, i) => new Bar { Position = top.Length - i, Value = p.Bytes / 1e6, FillColor = Colors.SteelBlue }).ToList());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks(top.Select((_, i) => (double)(top.Length - i)).ToArray(), top.Select(p => p.Name is null ? p.Protocol : $"{p.Name} ({p.Protocol})").ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title("Internet traffic by protocol and port");
        plot.Axes.Bottom.Label.Text = "MB, both ways";
        return Svg(plot, Math.Max(Height, 60 + (top.Length * 28)));
    }

    /// <summary>Per device, bytes inside the home against bytes to and from the internet (paper 003's internal vs external view).</summary>
    public static string Locality(IReadOnlyList<AuditDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var top = devices.OrderByDescending(d => d.BytesUp + d.BytesDown + d.BytesLocal).Take(15).ToArray();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < top.Length; i++)
        {
            var y = top.Length - i;
            var external = (top[i].BytesUp + top[i].BytesDown) / 1e6;
            bars.Add(new Bar { Position = y, ValueBase = 0, Value = external, FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = y, ValueBase = external, Value = external + (top[i].BytesLocal / 1e6), FillColor = Colors.SeaGreen });
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "internet", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "inside the home", FillColor = Colors.SeaGreen });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Left.SetTicks(top.Select((_, i) => (double)(top.Length - i)).ToArray(), top.Select(d => d.Name).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title("Where each device's bytes go: the internet or the home");
        plot.Axes.Bottom.Label.Text = "MB, both ways";
        return Svg(plot, Math.Max(Height, 60 + (top.Length * 28)));
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
