using Blinds.Reports.Summary;

using FsCheck.Xunit;

using Spectre.Console;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// Issue 16 item 6: `summary` to a file or a pipe is laid out without Spectre.Console; whenever the lean renderer
/// answers, it must be Spectre's output byte for byte (as the CLI's console writes it: 200 columns, no colours).
/// </summary>
public class SummaryPlainTextProperties
{
    // Words a report can hold: plain ones, and the kinds the lean renderer must decline or get right (spaces,
    // brackets, non-ASCII, empty, long enough to make the table collapse or wrap).
    private static readonly string[] Words =
    [
        "a", "nest", "192.168.1.22", "fe80::1", "api.example.com", "Amazon Technologies Inc.", "TP-LINK TECHNOLOGIES CO.,LTD.",
        "[red]x[/]", "a  b", " lead", "trail ", string.Empty, "Société", "数据", "tab\there",
        "very-long-name-of-a-cloud-endpoint.eu-west-1.compute.internal.example.com",
        new string('x', 90), new string('y', 170),
    ];

    [Property(MaxTest = 300)]
    public void Lean_output_is_spectres_output_whenever_it_answers(int seed)
    {
        var model = RandomModel(new Random(seed));
        var plain = SummaryPlainText.TryRender(model, 200);
        if (plain is not null)
        {
            Assert.Equal(Spectre(model), plain);
        }
    }

    /// <summary>The lean renderer must actually answer for ordinary reports, or the property above proves nothing.</summary>
    [Fact]
    public void Lean_renderer_answers_for_most_plain_reports()
    {
        var answered = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var model = RandomModel(new Random(seed), plainOnly: true);
            if (SummaryPlainText.TryRender(model, 200) is { } plain)
            {
                Assert.Equal(Spectre(model), plain);
                answered++;
            }
        }

        Assert.InRange(answered, 150, 200);
    }

    private static string Spectre(SummaryModel model)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        SummaryText.Render(model, console);
        return writer.ToString();
    }

    private static SummaryModel RandomModel(Random random, bool plainOnly = false)
    {
        string Word() => plainOnly ? Words[random.Next(5)] : Words[random.Next(Words.Length)];
        string[] Some(int max) => Enumerable.Range(0, random.Next(max + 1)).Select(_ => Word()).ToArray();
        long Number() => random.Next(4) switch { 0 => 0, 1 => random.Next(1000), 2 => random.NextInt64(1L << 40), _ => random.Next(100_000) };
        NameCount[] Names(int max) => Some(max).Distinct().Select(n => new NameCount(n, Number())).ToArray();

        var captures = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => new CaptureModel(
            random.Next(3) == 0 ? "/tmp/" + Word() + ".pcap" : "one.pcap",
            random.Next(2) == 0 ? "pcap" : "pcapng (gzip)",
            Number(),
            Enumerable.Range(0, 1 + random.Next(2)).Select(i => i == 0 ? "ethernet" : "raw").ToArray(),
            Enumerable.Range(0, 1 + random.Next(2)).Select(_ => random.Next(2) == 0 ? 0 : random.Next(65536)).ToArray(),
            random.Next(4),
            Number(),
            Number(),
            Number(),
            random.Next(2) == 0 ? 0 : Number(),
            random.Next(4) == 0 ? null : "2026-01-05T00:00:02.051926561Z",
            random.Next(4) == 0 ? null : "2026-01-05T00:09:59.177636664Z",
            random.Next(3) == 0 ? 0 : random.NextDouble() * 100_000,
            random.Next(5) == 0 ? "one.pcap: offset 24: " + Word() : null)).ToArray();
        DeviceModel Device() => new(
            $"{random.Next(256):x2}:17:88:24:76:{random.Next(256):x2}",
            random.Next(4) == 0 ? null : Word(),
            random.Next(3) == 0,
            Some(4),
            Some(3),
            Some(2),
            Number(),
            Number(),
            Number(),
            Number(),
            Number(),
            Names(7),
            Names(7),
            Some(2),
            Some(2),
            Number(),
            Number(),
            null,
            null);
        var devices = Enumerable.Range(0, random.Next(random.Next(10) == 0 ? 110 : 12)).Select(_ => Device()).ToArray();
        return new SummaryModel(captures, random.Next(2) == 0 ? null : Device(), devices, [], Number(), random.Next(100));
    }
}
