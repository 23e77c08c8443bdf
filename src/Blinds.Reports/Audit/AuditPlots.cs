using Blinds.Attacks.Kinds;
using Blinds.Traffic.Series;

using ScottPlot;

namespace Blinds.Reports.Audit;

/// <summary>The report's pictures, drawn with ScottPlot and embedded as SVG (the report works offline, one file).</summary>
public static class AuditPlots
{
    private const int Width = 900, Height = 260, MaxPoints = 2_000, MaxScatter = 500;

    /// <summary>Okabe and Ito's colour-blind-safe palette (black left out for lines on white): no two series share a colour.</summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    /// <summary>
    /// A device's internet traffic per minute, up and down, on the home's clock, with its inferred activities marked
    /// and named in the legend (paper 000 Fig. 2, 002 Fig. 1/5). A burst far above the rest is clipped at the axis top
    /// and marked, so one outlier does not flatten the day.
    /// </summary>
    public static string Rates(string title, RateSeries series, IEnumerable<(long StartNs, ActivityKind Activity)> activities, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(zone);
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
            up[b.Index / perPoint] += b.BytesUp / 1e3;
            down[b.Index / perPoint] += b.BytesDown / 1e3;
        }

        var x = Enumerable.Range(0, points).Select(i => Clock(series.OriginNs + (i * (long)perPoint * series.BinNs), zone)).ToArray();
        var top = ClipTop(up.Concat(down));
        var plot = new Plot();
        Line(plot, x, up.Select(v => Math.Min(v, top)).ToArray(), "sent", Palette[0]);
        Line(plot, x, down.Select(v => Math.Min(v, top)).ToArray(), "received", Palette[1]);
        MarkClipped(plot, x, up.Zip(down, Math.Max).ToArray(), top);
        var colour = 2;
        foreach (var group in activities.GroupBy(a => a.Activity).OrderBy(g => g.Key.Text(), StringComparer.Ordinal))
        {
            var c = Palette[2 + ((colour++ - 2) % (Palette.Count - 2))];
            var first = true;
            foreach (var (t, _) in group)
            {
                var line = plot.Add.VerticalLine(Clock(t, zone));
                line.Color = c.WithAlpha(0.8);
                line.LineWidth = 1;
                line.LinePattern = LinePattern.Dashed;
                if (first)
                {
                    line.LegendText = KindWords.Activity(group.Key);
                    first = false;
                }
            }
        }

        plot.Title(title);
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.Label.Text = $"time on the home's clock ({zone.Id})";
        plot.Axes.Left.Label.Text = minutesPerPoint == 1 ? "KB per minute" : $"KB per {minutesPerPoint} minutes";
        plot.Axes.SetLimitsY(0, top * 1.08);
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>Internet bytes per hour over the whole capture, on the home's clock.</summary>
    public static string Timeline(IReadOnlyList<AuditTimelineHour> hours, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(zone);
        var x = hours.Select(h => Clock(DateTimeOffset.Parse(h.Start, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000, zone)).ToArray();
        var up = hours.Select(h => h.BytesUp / 1e6).ToArray();
        var down = hours.Select(h => h.BytesDown / 1e6).ToArray();
        var top = ClipTop(up.Concat(down));
        var plot = new Plot();
        Line(plot, x, up.Select(v => Math.Min(v, top)).ToArray(), "sent", Palette[0]);
        Line(plot, x, down.Select(v => Math.Min(v, top)).ToArray(), "received", Palette[1]);
        MarkClipped(plot, x, up.Zip(down, Math.Max).ToArray(), top);
        plot.Title("The whole capture, hour by hour");
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.Label.Text = $"time on the home's clock ({zone.Id})";
        plot.Axes.Left.Label.Text = "MB per hour";
        plot.Axes.SetLimitsY(0, Math.Max(top, 1e-3) * 1.08);
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>
    /// The privacy-against-cost frontier of the defences tried: extra GB a month against what the ISP's activity
    /// attack still finds, the budget as a line and the recommendation ringed.
    /// </summary>
    public static string Frontier(IReadOnlyList<AuditDefence> defences, double budgetGb, string? recommended)
    {
        ArgumentNullException.ThrowIfNull(defences);
        var plot = new Plot();
        for (var i = 0; i < defences.Count; i++)
        {
            var d = defences[i];
            var f1 = d.Scoped?.ActivityF1 ?? d.ActivityF1;
            var s = plot.Add.ScatterPoints(new[] { Math.Log10(Math.Max(0.01, d.GbPerMonth)) }, new[] { f1 });
            s.LegendText = d.Name.Length > 60 ? d.Name[..57] + "..." : d.Name;
            s.Color = Palette[i % Palette.Count];
            s.MarkerSize = 9;
            s.MarkerShape = (MarkerShape)((i % 5) + 1);
            if (d.Spec == recommended)
            {
                var ring = plot.Add.ScatterPoints(new[] { Math.Log10(Math.Max(0.01, d.GbPerMonth)) }, new[] { f1 });
                ring.MarkerShape = MarkerShape.OpenCircle;
                ring.MarkerSize = 22;
                ring.Color = Colors.Black;
            }
        }

        if (budgetGb > 0 && !double.IsInfinity(budgetGb))
        {
            var line = plot.Add.VerticalLine(Math.Log10(budgetGb));
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LegendText = "budget";
        }

        var ticks = new[] { 0.01, 0.1, 1, 10, 100, 1000, 10000 };
        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ["0", "0.1", "1", "10", "100", "1,000", "10,000"]);
        plot.Title("What each defence costs and what it leaves");
        plot.Axes.Bottom.Label.Text = "extra GB a month (log scale)";
        plot.Axes.Left.Label.Text = "activity F1 left (0 = nothing found)";
        plot.Axes.SetLimitsY(-0.05, 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot, Height + 120);
    }

    /// <summary>The rate features of paper 002 Fig. 3: each device's windows by the mean and spread of their samples (log scales).</summary>
    public static string Features(IEnumerable<(string Device, IReadOnlyList<double[]> Windows)> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var plot = new Plot();
        var n = 0;
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
            s.MarkerSize = 5;
            // Eight colours, then the same colours with another marker shape: no two devices look alike.
            s.Color = Palette[n % Palette.Count];
            s.MarkerShape = (MarkerShape)((n / Palette.Count % 5) + 1);
            n++;
        }

        plot.Title("Rate features of 300 s windows (10 s samples): devices cluster apart");
        plot.Axes.Bottom.Label.Text = "log10 mean bytes per sample";
        plot.Axes.Left.Label.Text = "log10 (1 + std)";
        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot, Height + 140);
    }

    /// <summary>Bytes per hour of the day (paper 003's daily view).</summary>
    public static string Hourly(IReadOnlyList<AuditHour> hours, string zone)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var plot = new Plot();
        var up = plot.Add.Bars(hours.Select(h => (double)h.Hour - 0.2).ToArray(), hours.Select(h => h.BytesUp / 1e6).ToArray());
        up.LegendText = "sent";
        up.Color = Palette[0];
        foreach (var b in up.Bars)
        {
            b.Size = 0.4;
        }

        var down = plot.Add.Bars(hours.Select(h => h.Hour + 0.2).ToArray(), hours.Select(h => h.BytesDown / 1e6).ToArray());
        down.LegendText = "received";
        down.Color = Palette[1];
        foreach (var b in down.Bars)
        {
            b.Size = 0.4;
        }

        plot.Title($"Internet traffic by hour of day ({zone})");
        plot.Axes.Bottom.Label.Text = "hour";
        plot.Axes.Left.Label.Text = "MB";
        plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot);
    }

    /// <summary>Bytes by protocol and port: the ten largest internet protocols and the six largest inside the home, in two colours with a legend.</summary>
    public static string Protocols(IReadOnlyList<AuditProtocol> protocols, IReadOnlyList<AuditLocalProtocol> local)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        ArgumentNullException.ThrowIfNull(local);
        var rows = protocols.Take(10).Select(p => (Label: p.Name is null ? p.Protocol : $"{p.Name} ({p.Protocol})", p.Bytes, Local: false))
            .Concat(local.Take(6).Select(p => (Label: (p.Name is null ? p.Protocol : $"{p.Name} ({p.Protocol})") + ", in the home", p.Bytes, Local: true)))
            .ToArray();
        var plot = new Plot();
        foreach (var isLocal in new[] { false, true })
        {
            var bars = plot.Add.Bars(rows.Select((r, i) => (r, i)).Where(x => x.r.Local == isLocal)
                .Select(x => new Bar { Position = rows.Length - x.i, Value = x.r.Bytes / 1e6, FillColor = Palette[isLocal ? 1 : 0] }).ToList());
            bars.Horizontal = true;
            bars.LegendText = isLocal ? "inside the home" : "internet";
        }

        plot.Axes.Left.SetTicks(rows.Select((_, i) => (double)(rows.Length - i)).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title("Traffic by protocol and port");
        plot.Axes.Bottom.Label.Text = "MB, both ways";
        plot.ShowLegend(Alignment.LowerRight);
        return Svg(plot, Math.Max(Height, 60 + (rows.Length * 28)));
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
            bars.Add(new Bar { Position = y, ValueBase = 0, Value = external, FillColor = Palette[0] });
            bars.Add(new Bar { Position = y, ValueBase = external, Value = external + (top[i].BytesLocal / 1e6), FillColor = Palette[2] });
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "internet", FillColor = Palette[0] });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "inside the home", FillColor = Palette[2] });
        plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Left.SetTicks(top.Select((_, i) => (double)(top.Length - i)).ToArray(), top.Select(d => d.Name).ToArray());
        plot.Axes.Margins(left: 0);
        plot.Title("Where each device's bytes go: the internet or the home");
        plot.Axes.Bottom.Label.Text = "MB, both ways";
        return Svg(plot, Math.Max(Height, 60 + (top.Length * 28)));
    }

    /// <summary>
    /// Paper 002 Fig. 7 on this home: what the ISP sees each second around one activity of a leaking device, its own
    /// stream unshaped against the stream it travels in with the recommended defence, on the home's clock. Ten
    /// minutes around the activity (less at the capture's edges); a second far above the rest is clipped and marked.
    /// </summary>
    /// <param name="device">The device's name (ScottPlot escapes text it writes into the SVG).</param>
    /// <param name="shaped">The two series and the activity.</param>
    /// <param name="zone">The home's time zone.</param>
    public static string Shaped(string device, AuditShaped shaped, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(shaped);
        ArgumentNullException.ThrowIfNull(zone);
        const long Second = 1_000_000_000L;
        var from = Math.Max(shaped.ActivityNs - (300 * Second), Math.Min(shaped.Before.OriginNs, shaped.After.OriginNs));
        var seconds = 600;
        var x = Enumerable.Range(0, seconds).Select(i => Clock(from + (i * Second), zone)).ToArray();
        double[] PerSecond(Traffic.Series.RateSeries series)
        {
            var y = new double[seconds];
            foreach (var b in series.Bins)
            {
                var at = series.OriginNs + (b.Index * series.BinNs);
                var i = (int)Math.Floor((at - from) / (double)Second);
                if (i >= 0 && i < seconds)
                {
                    y[i] += (b.BytesUp + b.BytesDown) / 1e3;
                }
            }

            return y;
        }

        var before = PerSecond(shaped.Before);
        var after = PerSecond(shaped.After);

        // Each on its own axis (unshaped on the left, shaped on the right): a plug's few bytes would vanish beside
        // the padding's steady rate on one scale. The left axis clips a far outlier and marks it.
        var top = ClipTop(before);
        var plot = new Plot();
        Line(plot, x, before.Select(v => Math.Min(v, top)).ToArray(), $"unshaped: {device}'s own traffic (left axis)", Palette[0]);
        var padded = plot.Add.Scatter(x, after);
        padded.MarkerSize = 0;
        padded.LineWidth = 1;
        padded.Color = Palette[1]; // not Palette[5]: that marks clipped points
        padded.LegendText = "with the recommended defence (right axis; named below)";
        padded.Axes.YAxis = plot.Axes.Right;
        MarkClipped(plot, x, before, top);
        var mark = plot.Add.VerticalLine(Clock(shaped.ActivityNs, zone));
        mark.Color = Palette[2];
        mark.LinePattern = LinePattern.Dashed;
        mark.LegendText = "the activity";
        plot.Title($"{device}: unshaped and shaped, as the ISP sees them");
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Bottom.Label.Text = $"time on the home's clock ({zone.Id})";
        plot.Axes.Left.Label.Text = "KB/s unshaped";
        plot.Axes.Right.Label.Text = "KB/s shaped";
        plot.Axes.SetLimitsY(0, top * 1.08, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1e-3, after.Max()) * 1.08, plot.Axes.Right);
        plot.ShowLegend(Edge.Bottom); // below the axes: the padded line runs the whole width, a legend inside would hide it
        return Svg(plot, Height + 80);
    }

    // A day's worth of OLE automation dates on the home's clock: what ScottPlot's date axis reads.
    private static double Clock(long ns, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(ns / 100), zone).ToOADate();

    // The axis top: past 4 times the 99th percentile a point is an outlier that would flatten the rest.
    private static double ClipTop(IEnumerable<double> values)
    {
        var sorted = values.Where(v => v > 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return 1;
        }

        var p99 = sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(sorted.Length * 0.99))];
        return Math.Min(sorted[^1], Math.Max(p99 * 4, 1e-3));
    }

    private static void MarkClipped(Plot plot, double[] x, double[] values, double top)
    {
        var clipped = Enumerable.Range(0, values.Length).Where(i => values[i] > top).ToArray();
        if (clipped.Length == 0)
        {
            return;
        }

        var marks = plot.Add.ScatterPoints(clipped.Select(i => x[i]).ToArray(), clipped.Select(_ => top * 1.04).ToArray());
        marks.MarkerShape = MarkerShape.FilledTriangleUp;
        marks.MarkerSize = 8;
        marks.Color = Palette[5];
        marks.LegendText = $"clipped: above {top:0.#}";
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
        svg = start > 0 ? svg[start..] : svg;

        // A viewBox lets the page shrink the picture to a phone's width (CSS max-width) instead of cutting it off.
        return svg.AsSpan(0, Math.Min(svg.Length, svg.IndexOf('>', StringComparison.Ordinal) + 1)).Contains("viewBox", StringComparison.Ordinal)
            ? svg
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {height}\"{svg[4..]}");
    }
}
