using System.Globalization;

using Spectre.Console;

namespace Blinds.Reports.Identify;

/// <summary>Renders an <see cref="IdentifyModel"/> for people. Every cell from the network or the user is a <see cref="Text"/>, never markup.</summary>
public static class IdentifyText
{
    /// <summary>Most ISP streams in the table (identified first, then by bytes): JSON lists them all.</summary>
    public const int MaxStreamRows = 40;

    /// <summary>Writes the tables and scores to <paramref name="console"/>; <paramref name="secretsShown"/> says whether the leaks were built with credentials kept.</summary>
    public static void Render(IdentifyModel model, IAnsiConsole console, bool secretsShown)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(console);
        var isp = model.Observer == "isp";
        var labelled = model.Score is not null;
        var title = model.Observer switch
        {
            "lan" => "What the LAN observer tells about each device",
            "isp" => "What the ISP tells about each stream behind the NAT",
            _ => "What a Wi-Fi eavesdropper tells about each station",
        };
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var h in new[] { isp ? "service address" : "MAC", "bytes", "label (confidence)", "evidence" }.Concat(labelled ? ["truth"] : []))
        {
            table.AddColumn(h);
        }

        var shown = isp
            ? model.Entities.OrderByDescending(i => i.Label is not null).ThenByDescending(i => i.Bytes).Take(MaxStreamRows).ToArray()
            : model.Entities.ToArray();
        foreach (var i in shown)
        {
            var label = i.Label is null ? (i.Guess.Count > 0 ? $"unknown (guess {string.Join(" | ", i.Guess)}, {i.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})" : "?") : $"{i.Shown()} ({i.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}{(i.Tied.Count > 1 ? " each, a tie" : string.Empty)})";
            var cells = new List<Text>
            {
                new(i.Id),
                new(Formatting.Bytes(i.Bytes)),
                new(label),
                new(string.Join("\n", i.Evidence.DefaultIfEmpty(i.Names.Count == 0 ? "no names visible" : string.Join(", ", i.Names.Take(3))))),
            };
            if (labelled)
            {
                cells.Add(new Text(i.Truth ?? "-"));
            }

            table.AddRow(cells);
        }

        console.Write(table);
        if (shown.Length < model.Entities.Count)
        {
            console.MarkupLine($"[dim]{model.Entities.Count - shown.Length} more streams not shown (--json lists all)[/]");
        }

        foreach (var note in model.Notes)
        {
            console.MarkupLine($"[dim]{Markup.Escape(note)}[/]");
        }

        if (model.Score is { } score)
        {
            RenderScore(score, console);
        }

        foreach (var l in model.Linked)
        {
            console.MarkupLine($"[bold]One device:[/] {Markup.Escape(string.Join(", ", l.Macs))} ({Markup.Escape(string.Join("; ", l.Evidence))}; confidence {l.Confidence.ToString("0.00", CultureInfo.InvariantCulture)})");
        }

        if (model.Observer == "lan")
        {
            var lt = new Table().Border(TableBorder.Simple).Title(secretsShown ? "Leaks on the LAN (secrets shown)" : "Leaks on the LAN (secrets redacted; --show-secrets shows them)");
            lt.AddColumn("device").AddColumn("what").AddColumn(new TableColumn("count").RightAligned()).AddColumn("evidence");
            foreach (var l in model.Leaks)
            {
                lt.AddRow(new Text(l.Device), new Text(l.Kind.ToString()), new Text(Formatting.Count(l.Count)), new Text(l.Evidence));
            }

            console.Write(lt);
        }
    }

    private static void RenderScore(IdentifyScore score, IAnsiConsole console)
    {
        static string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        if (score.Rates is { } cv)
        {
            console.MarkupLine(
                $"[bold]Rate attack[/] (k-NN, k={cv.K}, w={cv.WindowSeconds} s, s={cv.SampleSeconds} s, {cv.Folds}-fold stratified CV over {cv.Samples} windows; {score.SilentWindowsLeftOut} silent windows left out, as `fingerprint eval` does): " +
                $"[bold]{P(cv.Accuracy)}[/] (95% CI over folds {P(cv.Ci95[0])}–{P(cv.Ci95[1])}), chance {P(cv.Chance)}");
            var m = new Table().Border(TableBorder.Simple).Title("Confusion (rows: truth, columns: predicted)");
            m.AddColumn(string.Empty);
            for (var i = 0; i < cv.ConfusionLabels.Count; i++)
            {
                m.AddColumn(new TableColumn(i.ToString(CultureInfo.InvariantCulture)).RightAligned());
            }

            for (var i = 0; i < cv.ConfusionLabels.Count; i++)
            {
                m.AddRow(new[] { new Text($"{i} {cv.ConfusionLabels[i]}") }.Concat(cv.Confusion[i].Select(v => new Text(v == 0 ? "." : v.ToString(CultureInfo.InvariantCulture)))).ToArray());
            }

            console.Write(m);
        }
        else
        {
            console.MarkupLine("[bold]Rate attack:[/] too few labelled windows to evaluate");
        }

        if (score.Names is { Evaluated: 0 } none)
        {
            console.MarkupLine(
                $"[bold]Name attack:[/] not measurable from these labels: all {none.Unlearnable} named entities are the only one of their device. " +
                "Learn signatures on other captures (blinds fingerprint learn) and pass them with --signatures.");
        }
        else if (score.Names is { } n)
        {
            console.MarkupLine(
                $"[bold]Name attack[/] (signatures learned from the other entities, each left out in turn): [bold]{P(n.Accuracy)}[/] of {n.Evaluated} " +
                $"(95% Wilson {P(n.Ci95[0])}–{P(n.Ci95[1])}), chance {P(n.Chance)}; {n.Unlearnable} entities are the only one of their device (nothing to learn from)");
        }
        else
        {
            console.MarkupLine("[bold]Name attack:[/] this observer sees no names");
        }
    }
}
