using System.Globalization;

using Blinds.Defences.Specs;

using CsvHelper;

using Spectre.Console;

using static Blinds.Reports.Formatting;

namespace Blinds.Reports.Frontier;

/// <summary>Renders a <see cref="FrontierModel"/> as a table for people or as CSV for plotting.</summary>
public static class FrontierText
{
    private static readonly string[] CsvHeader = ["setting", "overhead_kb_per_s", "overhead_gb_per_month", "cap_share", "delay_mean_s", "delay_max_s", "drops", "identification", "identification_chance", "names", "names_chance", "f1", "chance_f1", "effective", "broken_devices", "up_bytes_per_second", "down_bytes_per_second", "overhead_up_kb_per_s", "overhead_down_kb_per_s"];

    /// <summary>Writes one CSV row per setting to <paramref name="output"/>.</summary>
    public static void WriteCsv(FrontierModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var csv = CsvWriter.Create(output, null, false);
        foreach (var h in CsvHeader)
        {
            csv.WriteField(h);
        }

        csv.EndRecord();
        foreach (var p in model.Points)
        {
            string[] row =
            [
                p.Setting, F(p.OverheadKbPerS), F(p.OverheadGbPerMonth), F(p.CapShare), F(p.DelayMean), F(p.DelayMax),
                p.Drops.ToString(CultureInfo.InvariantCulture), F(p.Identification), F(p.IdentificationChance), F(p.Names), F(p.NamesChance), F(p.F1), F(p.ChanceF1),
                p.Effective ? "yes" : "no", p.Broken.Count.ToString(CultureInfo.InvariantCulture),
                p.Shaper is { } s ? F(s.UpBytesPerSecond) : string.Empty, p.Shaper is { } t ? F(t.DownBytesPerSecond) : string.Empty,
                F(p.OverheadUpKbPerS), F(p.OverheadDownKbPerS),
            ];
            foreach (var v in row)
            {
                csv.WriteField(v);
            }

            csv.EndRecord();
        }
    }

    /// <summary>Writes the table and the cheapest setting to <paramref name="console"/>; <paramref name="margin"/> and <paramref name="tolerances"/> say what "at chance" and "broken" meant.</summary>
    public static void Render(FrontierModel model, IAnsiConsole console, double margin, string tolerances)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        var range = model.Points.Count == 0 ? string.Empty : $" from {model.Points[0].Setting} to {model.Points[^1].Setting}";
        var t = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{model.Defence}: {model.Knob}{range}"));
        foreach (var h in new[] { model.Knob, "shaped up / down", "extra KB/s up / down", "GB/month", "cap", "delay mean / max", "drops", "rates (chance)", "names (chance)", "activity F1 (chance)", "at chance", "devices broken" })
        {
            t.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        }

        foreach (var p in model.Points)
        {
            t.AddRow(
                Markup.Escape(p.Setting),
                p.Shaper is { } s ? Markup.Escape($"{Units.FormatRate(s.UpBytesPerSecond)} / {Units.FormatRate(s.DownBytesPerSecond)}") : "-",
                string.Create(CultureInfo.InvariantCulture, $"{p.OverheadUpKbPerS:0.###} / {p.OverheadDownKbPerS:0.###}"),
                p.OverheadGbPerMonth.ToString("0.0", CultureInfo.InvariantCulture),
                Percent(p.CapShare),
                string.Create(CultureInfo.InvariantCulture, $"{p.DelayMean:0.00} / {p.DelayMax:0.0} s"),
                Count(p.Drops),
                $"{Percent(p.Identification)} ({Percent(p.IdentificationChance)})",
                $"{Percent(p.Names)} ({Percent(p.NamesChance)})",
                $"{p.F1.ToString("0.00", CultureInfo.InvariantCulture)} ({p.ChanceF1.ToString("0.00", CultureInfo.InvariantCulture)})",
                p.Effective ? "[green]yes[/]" : "[red]no[/]",
                p.Broken.Count == 0 ? "0" : $"[red]{p.Broken.Count}[/]");
        }

        console.Write(t);
        var u = model.Undefended;
        console.MarkupLine($"Undefended: rates {Percent(u.Identification)} (chance {Percent(u.IdentificationChance)}), names {Percent(u.Names)}, activity F1 {u.F1.ToString("0.00", CultureInfo.InvariantCulture)}.");
        console.MarkupLine(model.CheapestEffective is { } cheapest
            ? $"Cheapest setting at chance (within {Percent(margin)}) that breaks no device (delays within each kind's tolerance, {Markup.Escape(tolerances)}; no drops): [bold]{Markup.Escape(model.Knob)}={Markup.Escape(cheapest)}[/]"
            : "No setting tried reaches chance without breaking a device (delays beyond its kind's tolerance, or drops).");
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
