using System.Text.Json;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>blinds audit as a user runs it: one report for people, the same facts for machines.</summary>
public class AuditTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public void The_audit_writes_a_self_contained_page_and_the_same_facts_as_json()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--out", dir.File("report"));
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var root = doc.RootElement;

        // The facts agree with the inputs and with the commands that compute them one by one.
        Assert.Equal(7, root.GetProperty("devices").GetArrayLength());
        Assert.Equal(File.ReadLines(Path.Combine(lab.Dir.Path, "lab.devices.csv")).Skip(1).Select(l => l.Split(',')[1]).Order(), root.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("name").GetString()).Order());
        var activity = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--json");
        using var a = JsonDocument.Parse(activity.Stdout);
        Assert.Equal(a.RootElement.GetProperty("events").GetArrayLength(), root.GetProperty("activities").GetArrayLength());
        Assert.Equal(a.RootElement.GetProperty("home").GetProperty("f1").GetDouble(), root.GetProperty("scores").GetProperty("activity_f1").GetDouble(), 9);
        Assert.Equal(["lan", "isp", "wifi"], root.GetProperty("scores").GetProperty("identification").EnumerateArray().Select(i => i.GetProperty("observer").GetString()));
        var defences = root.GetProperty("defences").EnumerateArray().ToArray();
        Assert.Equal("none", defences[0].GetProperty("spec").GetString());
        Assert.False(defences[0].GetProperty("effective").GetBoolean());
        Assert.Contains(defences, d => d.GetProperty("spec").GetString() == "tunnel" && !d.GetProperty("effective").GetBoolean());
        var recommendation = root.GetProperty("recommendation");
        if (recommendation.ValueKind != JsonValueKind.Null)
        {
            var chosen = defences.Single(d => d.GetProperty("name").GetString() == recommendation.GetProperty("defence").GetString());
            Assert.True(chosen.GetProperty("usable").GetBoolean());
            Assert.StartsWith("blinds shape up --dev tun0 --rate ", recommendation.GetProperty("command").GetString(), StringComparison.Ordinal);
        }

        // One file that works offline: plots inline, nothing fetched, every section there.
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Equal(7 + 2, html.Split("<svg").Length - 1);
        foreach (var table in new[] { "devices", "scores", "activities", "leaks", "defences", "services" })
        {
            Assert.Contains($"<table id=\"{table}\">", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase); // url(#clip) inside the SVGs is fine

        // Never over a user's files.
        var again = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--out", dir.File("report"));
        Assert.Equal(4, again.ExitCode);
        Assert.Equal($"blinds: error: {dir.File("report")}: already exists and is not empty; Blinds does not overwrite files", again.Stderr.Trim());
    }

    [Fact]
    public void Credentials_seen_in_traffic_stay_out_of_the_report()
    {
        using var dir = new TempDir();
        Blinds.Lab.LabOutput.Write(Blinds.Lab.Presets.Home24h(1, busy: false) with { Duration = TimeSpan.FromHours(12) }, dir.File("home.pcapng"));
        var r = CliRunner.Run(dir.Path, "audit", "home.pcapng", "--out", "report");
        Assert.Equal(0, r.ExitCode);
        var html = File.ReadAllText(dir.File("report/report.html"));
        var json = File.ReadAllText(dir.File("report/report.json"));
        Assert.Contains("http_key_in_url", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Blinds.Lab.HomeSimulator.HueApiKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Blinds.Lab.HomeSimulator.HueApiKey, json, StringComparison.Ordinal);
    }
}
