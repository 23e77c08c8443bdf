using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

public class DemoTests
{
    /// <summary>The README's first command, exactly as a newcomer runs it (in a fresh folder).</summary>
    [Fact]
    public void Demo_generates_a_home_summarises_it_and_audits_it()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "demo");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Gateway: b8:27:eb:00:00:01 Raspberry Pi", r.Stdout, StringComparison.Ordinal);
        // Eleven devices, and the phone's two randomised MACs (it changes MAC every 8 hours) as stations of their own.
        Assert.Contains($"Devices: {Blinds.Lab.Presets.HomeDevices().Count + 2} ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo files:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"open {Path.Combine("blinds-demo", "report", "report.html")} in a browser", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "blinds-demo", "home.pcapng")));
        Assert.True(new FileInfo(Path.Combine(dir.Path, "blinds-demo", "report", "report.html")).Length > 100_000);
        using (var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "blinds-demo", "report", "report.json"))))
        {
            Assert.Equal(Blinds.Lab.Presets.HomeDevices().Count + 2, report.RootElement.GetProperty("devices").GetArrayLength());
            DemoVerdictIsTrue(report.RootElement, Path.Combine(dir.Path, "blinds-demo"));
        }

        ReportSchema.AssertValid(Path.Combine(dir.Path, "blinds-demo", "report", "report.json"));

        var firstCapture = File.ReadAllBytes(Path.Combine(dir.Path, "blinds-demo", "home.pcapng"));
        var again = CliRunner.Run(dir.Path, "demo");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("blinds-demo-2", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(firstCapture, File.ReadAllBytes(Path.Combine(dir.Path, "blinds-demo-2", "home.pcapng")));
        var taken = CliRunner.Run(dir.Path, "demo", "--out", "blinds-demo");
        Assert.Equal(4, taken.ExitCode);
    }

    /// <summary>
    /// Issue 13's checks of the demo's verdict: every lab device's kind named right, the routines it infers are the
    /// lab's (events file), and the recommendation reaches chance within paper 002's 104 GB a month.
    /// </summary>
    private static void DemoVerdictIsTrue(System.Text.Json.JsonElement root, string demo)
    {
        var types = File.ReadLines(Path.Combine(demo, "home.devices.csv")).Skip(1).Select(l => l.Split(',')).GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.First()[2]); // the phone's MACs share its name
        var events = File.ReadLines(Path.Combine(demo, "home.events.csv")).Skip(1).Select(l => l.Split(',')).Select(f => (Device: f[1], Activity: f[2])).ToHashSet();
        var verdict = root.GetProperty("verdict");
        var lan = verdict.GetProperty("observers").EnumerateArray().Single(o => o.GetProperty("observer").GetString() == "lan");
        var named = lan.GetProperty("identifies").EnumerateArray().Select(i => (Device: i.GetProperty("device").GetString()!, Kind: i.GetProperty("kind").GetString()!)).ToArray();
        Assert.Equal(types.Keys.Order(), named.Select(n => n.Device).Distinct().Order());
        foreach (var (device, kind) in named)
        {
            Assert.Equal(Blinds.Reports.Audit.KindWords.Of(Blinds.Attacks.Kinds.DeviceKindText.Parse(types[device])), kind);
        }

        // Each routine the LAN observer is said to infer is one the lab's people did with that device.
        var routines = lan.GetProperty("routines").EnumerateArray().ToArray();
        Assert.NotEmpty(routines);
        foreach (var r in routines)
        {
            var device = r.GetProperty("device").GetString()!;
            var activity = r.GetProperty("activity").GetString()!;
            Assert.True(events.Any(e => e.Device == device && Blinds.Attacks.Kinds.ActivityKindText.TryParse(activity, out var inferred) && Blinds.Attacks.Kinds.ActivityKindText.Matches(e.Activity, inferred)), $"{device} {activity} is not in the events file");
        }

        // And every smart-home device the lab used (beyond starting up) shows a routine.
        var screens = new HashSet<string> { "phone", "laptop", "media_player" };
        foreach (var device in events.Where(e => e.Activity != "startup" && !screens.Contains(types[e.Device])).Select(e => e.Device).Distinct())
        {
            Assert.Contains(routines, r => r.GetProperty("device").GetString() == device);
        }

        var recommended = verdict.GetProperty("recommended");
        Assert.True(recommended.GetProperty("gb_per_month").GetDouble() <= 104, recommended.GetRawText());
        Assert.True(recommended.GetProperty("privacy_left").GetProperty("at_chance").GetBoolean(), recommended.GetRawText());
        Assert.True(recommended.GetProperty("up_rate").GetDouble() > 0);
        AuditTests.AssertDeploysTheRecommendedPlan(recommended.GetProperty("spec").GetString()!, recommended.GetProperty("command").GetString()!);
        Assert.DoesNotContain(" a Amazon", root.GetRawText(), StringComparison.Ordinal);
    }
}
