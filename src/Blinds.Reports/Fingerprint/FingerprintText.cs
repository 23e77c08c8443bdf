using System.Globalization;

using Blinds.Attacks.Identification;

using Spectre.Console;

namespace Blinds.Reports.Fingerprint;

/// <summary>Renders `fingerprint eval`'s grid for people.</summary>
public static class FingerprintText
{
    /// <summary>Writes one row per (w, s, k) cell to <paramref name="console"/>.</summary>
    public static void RenderEval(IReadOnlyList<GridCell> cells, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Simple).Title("Rate-feature k-NN identification (mean, std of s-second samples in w-second windows)");
        table.AddColumn("w (s)").AddColumn("s (s)").AddColumn("k").AddColumn("accuracy").AddColumn("95% CI").AddColumn("chance").AddColumn("windows").AddColumn("silent, left out").AddColumn("devices");
        foreach (var c in cells)
        {
            var r = c.Result;
            table.AddRow(c.WindowSeconds.ToString(CultureInfo.InvariantCulture), c.SampleSeconds.ToString(CultureInfo.InvariantCulture), c.K.ToString(CultureInfo.InvariantCulture), Percent(r.Accuracy), $"{Percent(r.Low)}-{Percent(r.High)}", Percent(r.Chance), Formatting.Count(r.Samples), Formatting.Count(c.SilentWindows), r.Classes.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.MarkupLine("[dim]Windows where a device sent and received nothing are left out (nothing to classify), as `blinds identify --labels` does: the same windows give the same figures.[/]");
    }

    private static string Percent(double x) => x.ToString("P1", CultureInfo.InvariantCulture);
}
