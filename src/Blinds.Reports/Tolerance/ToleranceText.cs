using System.Globalization;

using Blinds.Defences.Specs;

using Spectre.Console;

namespace Blinds.Reports.Tolerance;

/// <summary>Renders a <see cref="ToleranceModel"/> for people.</summary>
public static class ToleranceText
{
    /// <summary>Writes the table, the sum and the recommendation to <paramref name="console"/>.</summary>
    public static void Render(ToleranceModel model, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        var t = new Table().Border(TableBorder.Simple).Title($"Lowest constant rate each device works with ({model.SlotBytes}-byte slots; tolerances: {Markup.Escape(model.Tolerances)})");
        t.AddColumn("device").AddColumn("kind").AddColumn(new TableColumn("tolerates mean / max").RightAligned()).AddColumn(new TableColumn("up").RightAligned()).AddColumn(new TableColumn("down").RightAligned())
            .AddColumn(new TableColumn("up delay mean / max").RightAligned()).AddColumn(new TableColumn("its own up / down").RightAligned()).AddColumn(new TableColumn("cover GB/month").RightAligned());
        foreach (var n in model.Devices)
        {
            t.AddRow(
                new Text(n.Device),
                new Text(n.Kind ?? (n.Mac is null ? string.Empty : "?")),
                new Text(n.Tolerance is { } tol ? string.Create(CultureInfo.InvariantCulture, $"{tol.MeanSeconds:0.0} / {tol.MaxSeconds:0.0} s") : "each its own"),
                new Text(n.UpBytesPerSecond is { } u ? Units.FormatRate(u) : "none works"),
                new Text(n.DownBytesPerSecond is { } d ? Units.FormatRate(d) : "none works"),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{n.UpDelayMean:0.00} / {n.UpDelayMax:0.00} s")),
                new Text($"{Units.FormatRate(n.RealUpBytesPerSecond)} / {Units.FormatRate(n.RealDownBytesPerSecond)}"),
                new Text(n.CoverGbPerMonth.ToString("0.0", CultureInfo.InvariantCulture)));
        }

        console.Write(t);
        var sum = model.SumOfDevices;
        console.MarkupLine($"Sum of the devices' rates: {Units.FormatRate(sum.UpBytesPerSecond)} up, {Units.FormatRate(sum.DownBytesPerSecond)} down; the whole home shaped together needs the rate in its row (paper 002: less than the sum).");
        console.MarkupLine(model.RecommendedDefence is not { } recommended
            ? "No rate the search tried keeps the whole home within its tolerances, so there is no padding to recommend."
            : $"For the whole home, each way at its own rate (rounded up): [bold]blinds simulate --defence \"{Markup.Escape(recommended)}\"[/]");
    }
}
