using System.Globalization;
using System.Net;
using System.Text;

namespace Blinds.Reports.Audit;

/// <summary>
/// report.html: one self-contained page (inline CSS, inline SVG, no script, no font or image fetched), the audit's
/// facts in the order a person asks: what is here, what it tells whom, what people do, what leaks, what stopping it
/// costs, and what to run.
/// </summary>
public static class AuditHtml
{
    /// <summary>Writes the page for <paramref name="report"/>: its facts and its pictures.</summary>
    public static void Write(AuditReport report, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        var model = report.Model;
        var plots = report.Plots;
        var bytePlots = report.BytePlots;
        var s = model.Summary;
        w.WriteLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Blinds audit</title><style>");
        w.WriteLine("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:90%}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f0f0f0}td.n{text-align:right}.good{color:#060}.bad{color:#a00}figure{margin:1em 0}figcaption{font-size:85%;color:#555}code{background:#f4f4f4;padding:2px 4px;overflow-wrap:anywhere}");
        // Phones: the page is as wide as the screen; wide tables scroll inside their own box, plots shrink to fit.
        w.WriteLine("body{padding:0 12px;overflow-wrap:break-word}.wide{overflow-x:auto;max-width:100%}svg{max-width:100%;height:auto}#verdict{border:2px solid #0072B2;border-radius:6px;padding:0 1em;background:#f5faff}#verdict h2{margin-top:.6em}dt{font-weight:bold;margin-top:.5em}td small{overflow-wrap:anywhere}");
        w.WriteLine("@media print{body{max-width:none;margin:0;font-size:10pt}.wide{overflow:visible}figure,table,#verdict{break-inside:avoid}a{color:inherit;text-decoration:none}}");
        w.WriteLine("</style></head><body>");
        w.WriteLine("<h1>What this home's traffic tells, and what it costs to stop it</h1>");
        var packets = s.Captures.Sum(c => c.Packets);
        w.WriteLine($"<p>{Text(string.Join(", ", s.Captures.Select(c => Path.GetFileName(c.Path))))}: {packets.ToString("N0", CultureInfo.InvariantCulture)} packets over {Hours(s.Captures.Max(c => c.DurationSeconds))}, {model.Devices.Count} devices, {s.Streams.ToString("N0", CultureInfo.InvariantCulture)} streams.</p>");

        if (model.Verdict is { } verdict)
        {
            AuditHtmlVerdict.Write(verdict, model.Settings, w);
        }

        if (s.Anomalies.Count > 0 || s.Captures.Any(c => c.Error is not null))
        {
            // Damaged input is counted, not hidden: the figures below come from what could be read.
            w.WriteLine("<p class=\"bad\">The captures are not intact; every figure below comes from the packets that could be read:</p><div class=\"wide\"><table id=\"anomalies\"><tr><th>anomaly</th><th class=\"n\">count</th><th>first seen</th><th>what it means</th></tr>");
            foreach (var c in s.Captures.Where(c => c.Error is not null))
            {
                w.WriteLine($"<tr><td>read stopped</td><td class=\"n\">1</td><td>{Text(Path.GetFileName(c.Path))}</td><td>{Text(c.Error!)}</td></tr>");
            }

            foreach (var a in s.Anomalies)
            {
                w.WriteLine($"<tr><td>{Text(a.Id)}</td><td class=\"n\">{a.Count.ToString("N0", CultureInfo.InvariantCulture)}</td><td>{Text(a.FirstFile is null ? string.Empty : $"{Path.GetFileName(a.FirstFile)} @ {a.FirstOffset}")}</td><td>{Text(a.Description)}</td></tr>");
            }

            w.WriteLine("</table></div>");
        }

        w.WriteLine("<h2>The home at a glance</h2><div class=\"wide\"><table id=\"devices\"><tr><th>device</th><th>vendor</th><th>identified as</th><th>names it uses</th><th class=\"n\">up / down</th><th>the LAN tells</th><th>the ISP tells</th><th>Wi-Fi tells</th></tr>");
        foreach (var d in model.Devices)
        {
            w.WriteLine($"<tr><td>{Text(d.Name)}<br><small>{Text(d.Mac)}</small></td><td>{Text(d.Vendor ?? "?")}</td><td>{Text(d.Label is null ? "?" : $"{d.Label} ({d.Confidence:0.00})")}{(d.Kind is null ? string.Empty : $"<br><small>{Text(d.Kind)}</small>")}</td><td><small>{Text(string.Join(", ", d.Names))}</small></td><td class=\"n\">{Formatting.Bytes(d.BytesUp)} / {Formatting.Bytes(d.BytesDown)}</td><td><small>{Text(d.Lan)}</small></td><td><small>{Text(d.Isp)}</small></td><td><small>{Text(d.Wifi)}</small></td></tr>");
        }

        w.WriteLine("</table></div>");
        if (model.Scores is { } sc)
        {
            w.WriteLine("<h2>The attacks against the labels</h2><div class=\"wide\"><table id=\"scores\"><tr><th>observer</th><th class=\"n\">rate identification</th><th class=\"n\">95% interval</th><th class=\"n\">chance</th></tr>");
            foreach (var i in sc.Identification)
            {
                w.WriteLine($"<tr><td>{Text(i.Observer)}</td><td class=\"n\">{Pct(i.Accuracy)}</td><td class=\"n\">{Pct(i.Low)}–{Pct(i.High)}</td><td class=\"n\">{Pct(i.Chance)}</td></tr>");
            }

            w.WriteLine("</table></div>");
            if (sc.Grid.Count > 0)
            {
                var ws = sc.Grid.Select(c => c.WindowSeconds).Distinct().Order().ToArray();
                var ss = sc.Grid.Select(c => c.SampleSeconds).Distinct().Order().ToArray();
                w.WriteLine($"<p>Paper 002 Fig. 4 on this home: the same attack by the LAN observer with longer or shorter windows (rows, seconds of traffic looked at) and samples (columns, seconds added up per point); guessing gets {Pct(sc.Grid[0].Chance)}; darker is more accurate.</p><div class=\"wide\"><table id=\"grid\"><tr><th>w \\ s</th>{string.Concat(ss.Select(x => $"<th class=\"n\">{x} s</th>"))}</tr>");
                foreach (var win in ws)
                {
                    w.Write($"<tr><th>{win} s</th>");
                    foreach (var smp in ss)
                    {
                        var cell = sc.Grid.FirstOrDefault(c => c.WindowSeconds == win && c.SampleSeconds == smp);
                        // From white at chance to a light blue at 100%: the figures stay readable on every cell.
                        var shade = cell is null ? 255 : (int)(255 - (Math.Clamp((cell.Accuracy - cell.Chance) / Math.Max(1e-9, 1 - cell.Chance), 0, 1) * 90));
                        w.Write(cell is null ? "<td></td>" : $"<td class=\"n\" style=\"background:rgb({shade},{shade},255)\">{Pct(cell.Accuracy)}</td>");
                    }

                    w.WriteLine("</tr>");
                }

                w.WriteLine("</table></div>");
            }

            if (sc.ActivityF1 is { } f1)
            {
                w.WriteLine($"<p>Activities found by the LAN observer: F1 {f1:0.00}. F1 combines the share of true activities found and the share of detections that were true: 1 means every activity found and none made up; random detections would find {sc.ActivityChanceRecall:0.000} of them. {Pct(sc.NamedRight ?? 0)} of those found were also named right (motion, toggle, ...).</p>");
            }
        }

        w.WriteLine("<h2>What people do, from traffic rates alone</h2>");
        foreach (var (caption, svg) in plots)
        {
            w.WriteLine($"<figure>{svg}<figcaption>{Text(caption)}</figcaption></figure>");
        }

        w.WriteLine($"<div class=\"wide\"><table id=\"activities\"><tr><th>start (UTC)</th><th>device</th><th>activity</th><th class=\"n\">seconds</th><th class=\"n\">confidence</th></tr>");
        foreach (var a in model.Activities.Take(200))
        {
            w.WriteLine($"<tr><td>{Text(a.Time[..Math.Min(19, a.Time.Length)])}</td><td>{Text(a.Device)}</td><td>{Text(a.Activity)}</td><td class=\"n\">{a.Seconds:0}</td><td class=\"n\">{a.Confidence:0.00}</td></tr>");
        }

        w.WriteLine("</table></div>");
        if (model.Activities.Count > 200)
        {
            w.WriteLine($"<p>{model.Activities.Count - 200} more in report.json.</p>");
        }

        w.WriteLine("<h2>Local leaks (credentials redacted)</h2><div class=\"wide\"><table id=\"leaks\"><tr><th>device</th><th>what</th><th class=\"n\">count</th><th>evidence</th></tr>");
        foreach (var l in model.Leaks)
        {
            w.WriteLine($"<tr><td>{Text(l.Device)}</td><td>{Text(l.Kind)}</td><td class=\"n\">{l.Count}</td><td><small>{Text(l.Evidence)}</small></td></tr>");
        }

        w.WriteLine("</table></div>");
        w.WriteLine("<h2>Stopping it: defences side by side (the ISP's view)</h2><p>Each defence was simulated on this capture, then the ISP's three attacks were run again: <em>rates</em> is the share of traffic windows whose device the rate attack names, <em>names</em> the share of streams labelled by the names they look up, <em>activity F1</em> how well activities are found (0 = none, 1 = all, none made up); guessing's figure is beside each. A VPN tunnel hides which services each device talks to and merges the home into one stream, but not when and how much the home sends. Padding sends at a fixed rate whatever happens, so the rhythm disappears; it costs data and slows bursts (<em>breaks</em>: devices delayed beyond what paper 002 Fig. 9 found they work with).</p><div class=\"wide\"><table id=\"defences\"><tr><th>defence</th><th class=\"n\">extra KB/s</th><th class=\"n\">GB/month</th><th class=\"n\">data cap</th><th class=\"n\">extra money</th><th class=\"n\">delay mean / max</th><th>breaks</th><th class=\"n\">rates (guessing)</th><th class=\"n\">names (guessing)</th><th class=\"n\">activity F1 (guessing)</th><th>verdict</th></tr>");
        foreach (var d in model.Defences)
        {
            var good = d.Usable && d.WithinBudget;
            var verdictCell = $"<span class=\"{(good || d.Verdict.StartsWith("nothing", StringComparison.Ordinal) ? "good" : "bad")}\">{Text(d.Verdict)}</span>";
            w.WriteLine($"<tr><td>{Text(d.Name)}<br><code>{Text(ShortSpec(d.Spec))}</code></td><td class=\"n\">{d.OverheadKbPerSecond:0.00}</td><td class=\"n\">{d.GbPerMonth:0.0}</td><td class=\"n\">{Pct(d.CapShare)}</td><td class=\"n\">${d.MoneyPerMonth:0}</td><td class=\"n\">{d.DelayMean:0.00} / {d.DelayMax:0.0} s</td><td><small>{Text(string.Join(", ", d.Broken))}</small></td><td class=\"n\">{Pct(d.Identification)} ({Pct(d.IdentificationChance)})</td><td class=\"n\">{Pct(d.Names)} ({Pct(d.NamesChance)})</td><td class=\"n\">{(d.Scoped?.ActivityF1 ?? d.ActivityF1):0.00} ({(d.Scoped?.ActivityChanceF1 ?? d.ActivityChanceF1):0.00})</td><td>{verdictCell}</td></tr>");
        }

        w.WriteLine("</table></div>");
        foreach (var (caption, svg) in report.DefencePlots)
        {
            w.WriteLine($"<figure>{svg}<figcaption>{Text(caption)}</figcaption></figure>");
        }

        foreach (var note in model.Notes)
        {
            w.WriteLine($"<p class=\"note\"><small>{Text(note)}</small></p>");
        }

        if (model.Recommendation is { } r)
        {
            w.WriteLine($"<h2>Recommended: {Text(r.Defence)}</h2><p>{Text(r.Why)}</p>{(r.Command is null ? string.Empty : $"<p>On the gateway, as root: <code>{Text(r.Command)}</code></p>")}");
        }
        else
        {
            w.WriteLine($"<h2>No defence recommended</h2><p>{Text(model.Verdict?.IfTooMuch ?? string.Empty)} Try others with <code>blinds frontier</code>: shaping fewer devices, at chosen hours, or a larger budget.</p>");
        }

        w.WriteLine("<h2>Where the bytes go</h2>");
        foreach (var (caption, svg) in bytePlots)
        {
            w.WriteLine($"<figure>{svg}<figcaption>{Text(caption)}</figcaption></figure>");
        }

        w.WriteLine("<div class=\"wide\"><table id=\"protocols\"><tr><th>protocol</th><th>service</th><th class=\"n\">bytes</th><th class=\"n\">streams</th><th class=\"n\">devices</th></tr>");
        foreach (var p in model.Protocols.Take(15))
        {
            w.WriteLine($"<tr><td>{Text(p.Protocol)}</td><td>{Text(p.Name ?? string.Empty)}</td><td class=\"n\">{Formatting.Bytes(p.Bytes)}</td><td class=\"n\">{p.Streams}</td><td class=\"n\">{p.Devices}</td></tr>");
        }

        w.WriteLine("</table></div><div class=\"wide\"><table id=\"local-protocols\"><tr><th>inside the home</th><th>service</th><th class=\"n\">bytes</th><th class=\"n\">frames</th></tr>");
        foreach (var p in model.LocalProtocols.Take(10))
        {
            w.WriteLine($"<tr><td>{Text(p.Protocol)}</td><td>{Text(p.Name ?? string.Empty)}</td><td class=\"n\">{Formatting.Bytes(p.Bytes)}</td><td class=\"n\">{Formatting.Count(p.Packets)}</td></tr>");
        }

        w.WriteLine("</table></div><div class=\"wide\"><table id=\"locality\"><tr><th>device</th><th class=\"n\">internet</th><th class=\"n\">inside the home</th></tr>");
        foreach (var d in model.Devices.OrderByDescending(d => d.BytesUp + d.BytesDown + d.BytesLocal))
        {
            w.WriteLine($"<tr><td>{Text(d.Name)}</td><td class=\"n\">{Formatting.Bytes(d.BytesUp + d.BytesDown)}</td><td class=\"n\">{Formatting.Bytes(d.BytesLocal)}</td></tr>");
        }

        w.WriteLine("</table></div><div class=\"wide\"><table id=\"services\"><tr><th>service</th><th class=\"n\">bytes</th><th class=\"n\">devices</th></tr>");
        foreach (var sv in model.Services.Take(25))
        {
            w.WriteLine($"<tr><td>{Text(sv.Service)}</td><td class=\"n\">{Formatting.Bytes(sv.Bytes)}</td><td class=\"n\">{sv.Devices}</td></tr>");
        }

        w.WriteLine("</table></div>");
        AuditHtmlVerdict.WriteGlossary(w);
        w.WriteLine("<p><small>Generated by Blinds. Every figure comes from the captures named above; report.json holds the same facts.</small></p></body></html>");
    }

    private static string Text(string s) => WebUtility.HtmlEncode(s);

    // A scope of many MACs would make the table wider than the page: the count stands for them (report.json keeps the list).
    private static string ShortSpec(string spec) =>
        System.Text.RegularExpressions.Regex.Replace(spec, "devices=([^,+]+)", m => $"devices=({m.Groups[1].Value.Split(';').Length} devices)");

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Hours(double seconds) => seconds >= 7200 ? (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " hours" : (seconds / 60).ToString("0", CultureInfo.InvariantCulture) + " minutes";
}
