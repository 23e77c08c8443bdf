using Spectre.Console;

namespace Blinds.Reports.Flows;

/// <summary>Renders a <see cref="FlowsModel"/> for people: counts per format, the span, the streams' table, the anomalies.</summary>
public static class FlowsText
{
    /// <summary>Writes the model to <paramref name="o"/>.</summary>
    public static void Render(FlowsModel model, IAnsiConsole o)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(o);
        var counts = string.Join(", ", model.Flows.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key}: {Formatting.Count(kv.Value)} flows"));
        o.WriteLine(counts.Length > 0 ? counts : "no flows");
        if (model.First is { } first && model.Last is { } last)
        {
            o.WriteLine($"from {first} to {last}");
        }

        var table = new Table().AddColumns("home", "remote", "name", "up", "down", "flows");
        foreach (var s in model.Streams)
        {
            table.AddRow(s.Home, s.Remote, Markup.Escape(s.Name ?? "-"), Formatting.Bytes(s.BytesUp), Formatting.Bytes(s.BytesDown), Formatting.Count(s.Flows));
        }

        o.Write(table);
        o.WriteLine($"{Formatting.Count(model.StreamCount)} streams");
        foreach (var (id, count) in model.Anomalies)
        {
            o.WriteLine($"anomaly {id}: {Formatting.Count(count)} ({model.AnomalyDescriptions.GetValueOrDefault(id)})");
        }
    }
}
