using System.Globalization;

using Spectre.Console;

namespace Blinds.Reports.Activity;

/// <summary>Renders an <see cref="ActivityModel"/> as tables: the activities, then the scores against the labels.</summary>
public static class ActivityText
{
    /// <summary>Writes the tables to <paramref name="console"/>.</summary>
    public static void Render(ActivityModel model, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        var isp = model.Observer == "isp";
        var table = new Table().Border(TableBorder.Simple).Title($"{model.Events.Count} activities inferred by the {model.Observer.ToUpperInvariant()} observer");
        table.AddColumn("start").AddColumn(isp ? "stream" : "device").AddColumn("activity").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned()).AddColumn(new TableColumn("confidence").RightAligned());
        foreach (var e in model.Events)
        {
            var name = e.Device is null ? e.Entity : isp ? $"{e.Entity} ({e.Device})" : e.Device;
            table.AddRow(e.Start[..19], Markup.Escape(name), Markup.Escape(e.Activity), ((e.EndNs - e.StartNs) / 1e9).ToString("0", CultureInfo.InvariantCulture), Formatting.Bytes(e.Bytes), e.Confidence.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (model.Scores is not { } scores || model.Home is not { } home)
        {
            return;
        }

        var st = new Table().Border(TableBorder.Simple).Title(string.Create(CultureInfo.InvariantCulture, $"Against the labels (within {model.ToleranceSeconds:0.#} s)"));
        st.AddColumn("device").AddColumn("labelled").AddColumn("detected").AddColumn("matched").AddColumn("precision").AddColumn("recall").AddColumn("F1").AddColumn("chance recall").AddColumn("named right");
        foreach (var s in scores.Append(home))
        {
            st.AddRow(
                Markup.Escape(s.Device),
                s.Truth.ToString(CultureInfo.InvariantCulture),
                s.Detected.ToString(CultureInfo.InvariantCulture),
                s.Matched.ToString(CultureInfo.InvariantCulture),
                s.Precision.ToString("0.00", CultureInfo.InvariantCulture),
                s.Recall.ToString("0.00", CultureInfo.InvariantCulture),
                s.F1.ToString("0.00", CultureInfo.InvariantCulture),
                s.ChanceRecall.ToString("0.000", CultureInfo.InvariantCulture),
                s.Matched == 0 ? "-" : s.NamingAccuracy.ToString("0.00", CultureInfo.InvariantCulture));
        }

        console.Write(st);
    }
}
