using System.Globalization;

using Blinds.Defences.Costs;

using CsvHelper;

using Spectre.Console;

using static Blinds.Reports.Formatting;

namespace Blinds.Reports.Simulate;

/// <summary>Renders a <see cref="SimulateModel"/> as tables for people or as CSV (one row per device and one for the home).</summary>
public static class SimulateText
{
    private static readonly string[] CsvHeader = ["device", "name", "real_bytes", "blocked_bytes", "tunnel_bytes", "padding_bytes", "cover_bytes", "injected_bytes", "overhead_kb_per_s", "delay_mean_s", "delay_p95_s", "delay_max_s", "drops", "overhead_up_kb_per_s", "overhead_down_kb_per_s"];

    /// <summary>Writes the cost CSV to <paramref name="output"/>.</summary>
    public static void WriteCsv(SimulateModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var csv = CsvWriter.Create(output, null, false);
        foreach (var h in CsvHeader)
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var d in model.Cost.Devices)
        {
            Row(csv, d.Mac, d.Name, [d.RealBytes, d.BlockedBytes, d.TunnelBytes, d.PaddingBytes, 0, d.InjectedBytes], d.OverheadKbPerS, d.Delay, d.Drops, d.OverheadUpKbPerS, d.OverheadDownKbPerS);
        }

        var c = model.Cost;
        Row(csv, "home", null, [c.RealBytes, c.BlockedBytes, c.TunnelBytes, c.PaddingBytes, c.CoverBytes, c.InjectedBytes], c.OverheadKbPerS, c.Delay, c.Drops, c.OverheadUpKbPerS, c.OverheadDownKbPerS);
    }

    /// <summary>Writes the attacks, the cost and what breaks to <paramref name="console"/>; <paramref name="cost"/> holds the cap and uplink the cost was measured against, <paramref name="tolerances"/> where the delay tolerances come from.</summary>
    public static void Render(SimulateModel model, IAnsiConsole console, CostOptions cost, string tolerances)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(cost);
        var who = model.Observer switch { "wifi" => "a neighbour's radio (Wi-Fi)", "lan" => "the LAN", _ => "the ISP" };
        console.MarkupLine($"[bold]Defence[/] {Markup.Escape(model.Defence)}, seen by {who}; {Markup.Escape(string.Join("; ", model.Notes))}");
        if (model.Shaper is { } shaper)
        {
            console.MarkupLine(Markup.Escape($"Padding ({shaper.Mode}, {shaper.SlotBytes}-byte slots): {Defences.Specs.Units.FormatRate(shaper.UpBytesPerSecond)} up, {Defences.Specs.Units.FormatRate(shaper.DownBytesPerSecond)} down"));
        }

        var attacks = model.Observer switch { "wifi" => "the attacks on a neighbour's radio", "lan" => "the attacks on the LAN", _ => "the ISP's attacks" };
        var p = new Table().Border(TableBorder.Simple).Title($"What {attacks} still learn");
        p.AddColumn("").AddColumn("identification (rate k-NN)").AddColumn("chance").AddColumn("by names").AddColumn("chance").AddColumn("activities found (recall)").AddColumn("precision").AddColumn("F1").AddColumn("chance recall / F1");
        foreach (var (name, s) in new[] { ("undefended", model.Privacy.Undefended), ("defended", model.Privacy.Defended) })
        {
            var (i, n, a) = (s.Identification, s.Names, s.Activities);
            p.AddRow(
                name,
                $"{Percent(i.Accuracy)} ({Percent(i.Ci95[0])}–{Percent(i.Ci95[1])}, {i.Windows} windows)",
                Percent(i.Chance),
                model.Observer == "wifi" ? "none (encrypted)" : $"{Percent(n.Accuracy)} of {n.Streams} {(model.Observer == "isp" ? "streams" : "stations")}",
                Percent(n.Chance),
                $"{a.Matched} of {a.Truth} ({Percent(a.Recall)})",
                Percent(a.Precision),
                F2(a.F1),
                $"{Percent(a.ChanceRecall)} / {F2(a.ChanceF1)}");
        }

        console.Write(p);
        var margin = model.Privacy.Margin;
        console.MarkupLine(model.Privacy.Effective
            ? $"[green bold]Effective:[/] every attack is within {Percent(margin)} of chance on the defended traffic."
            : $"[red bold]Not effective:[/] an attack stays more than {Percent(margin)} above chance.");
        if (model.Stations is { } stations)
        {
            if (Same(model.Privacy.Undefended, model.Privacy.Defended) && stations.All(s => s.BytesBefore == s.BytesAfter))
            {
                console.MarkupLine($"[bold]Nothing hidden from {who}:[/] it sees every station's frames as it did undefended; a defence at the gateway does not reach the link between a station and the access point (only blocking takes frames off it).");
            }

            var st = new Table().Border(TableBorder.Simple).Title($"What {who} sees of each station");
            st.AddColumn("station").AddColumn(new TableColumn("frames undefended").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned()).AddColumn(new TableColumn("frames defended").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned());
            foreach (var s in stations)
            {
                st.AddRow(Markup.Escape(s.Name ?? s.Mac), Count(s.FramesBefore), Bytes(s.BytesBefore), Count(s.FramesAfter), Bytes(s.BytesAfter));
            }

            console.Write(st);
        }

        RenderCost(model, console, cost.CapBytes, cost.UploadBytesPerSecond, tolerances);
    }

    private static void RenderCost(SimulateModel model, IAnsiConsole console, double cap, double upload, string tolerances)
    {
        var c = model.Cost;
        var t = new Table().Border(TableBorder.Simple).Title("Cost per device");
        t.AddColumn("device");
        foreach (var h in new[] { "real", "blocked", "tunnel", "padding", "injected", "extra KB/s up / down", "delay mean / p95 / max", "drops" })
        {
            t.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var d in c.Devices)
        {
            t.AddRow(Markup.Escape(d.Name ?? d.Mac), Bytes(d.RealBytes), Bytes(d.BlockedBytes), Bytes(d.TunnelBytes), Bytes(d.PaddingBytes), Bytes(d.InjectedBytes), UpDown(d.OverheadUpKbPerS, d.OverheadDownKbPerS), Delay(d.Delay), Count(d.Drops));
        }

        t.AddRow("[bold]home[/]", Bytes(c.RealBytes), Bytes(c.BlockedBytes), Bytes(c.TunnelBytes), Bytes(c.PaddingBytes), Bytes(c.InjectedBytes), UpDown(c.OverheadUpKbPerS, c.OverheadDownKbPerS), Delay(c.Delay), Count(c.Drops));
        console.Write(t);
        console.MarkupLine(
            $"Extra traffic {F2(c.OverheadKbPerS)} KB/s ({UpDown(c.OverheadUpKbPerS, c.OverheadDownKbPerS)} up / down; cover slots {Bytes(c.CoverBytes)}) = {c.OverheadGbPerMonth.ToString("0.0", CultureInfo.InvariantCulture)} GB a month; " +
            $"all traffic {c.MonthlyGb.ToString("0.0", CultureInfo.InvariantCulture)} GB a month = {Percent(c.CapShare)} of the {(cap / 1e9).ToString("0", CultureInfo.InvariantCulture)} GB cap" +
            (c.MoneyOverCap > 0 ? $", {c.MoneyOverCap.ToString("0", CultureInfo.InvariantCulture)} over it" : ", nothing over it") +
            $"; uplink {Percent(c.UploadShare)} of {Markup.Escape(Defences.Specs.Units.FormatRate(upload))}; longest queue {Bytes(c.MaxQueueBytes)} ({Count(c.MaxQueuePackets)} packets)");
        foreach (var m in model.Broken)
        {
            console.MarkupLine($"[red bold]Breaks[/] {Markup.Escape(m.Name ?? m.Mac)} ({Markup.Escape(m.Kind ?? "kind unknown")}): it works with at most {m.Tolerance.MeanSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s mean and {m.Tolerance.MaxSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s worst added delay and no drops ({Markup.Escape(m.Tolerance.Example ?? tolerances)})");
        }

        if (model.Blocked.Count > 0)
        {
            var lt = new Table().Border(TableBorder.Simple).Title($"What blocking costs in function ({Markup.Escape(model.FunctionTable)})");
            lt.AddColumn("device").AddColumn("kind").AddColumn(new TableColumn("blocked").RightAligned()).AddColumn("still works").AddColumn("");
            foreach (var l in model.Blocked)
            {
                lt.AddRow(new Text(l.Name ?? l.Mac), new Text(l.Kind ?? "?"), new Text(Percent(l.BlockedShare)), new Text(l.Functionality), new Text(l.Description));
            }

            console.Write(lt);
        }
    }

    private static void Row(CsvWriter csv, string device, string? name, long[] bytes, double perSecond, SimulateDelay delay, long drops, double up, double down)
    {
        csv.WriteField(device);
        csv.WriteField(name ?? string.Empty);
        foreach (var v in bytes)
        {
            csv.WriteField(v.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var v in new[] { perSecond, delay.Mean, delay.P95, delay.Max })
        {
            csv.WriteField(v.ToString("0.######", CultureInfo.InvariantCulture));
        }

        csv.WriteField(drops.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(up.ToString("0.######", CultureInfo.InvariantCulture));
        csv.WriteField(down.ToString("0.######", CultureInfo.InvariantCulture));
        csv.EndRecord();
    }

    private static bool Same(SimulateScores a, SimulateScores b) =>
        a.Identification.Accuracy == b.Identification.Accuracy && a.Identification.Windows == b.Identification.Windows && a.Names == b.Names && a.Activities == b.Activities;

    private static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string UpDown(double upKb, double downKb) => string.Create(CultureInfo.InvariantCulture, $"{upKb:0.00} / {downKb:0.00}");

    private static string Delay(SimulateDelay d) => string.Create(CultureInfo.InvariantCulture, $"{d.Mean:0.00} / {d.P95:0.00} / {d.Max:0.00} s");
}
