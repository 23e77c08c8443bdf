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
        // Padding hides the paper lab within the cap (issue 5's frontier): the recommendation is usable padding, and
        // its command deploys exactly the rate and mode simulated.
        var recommendation = root.GetProperty("recommendation");
        var chosen = defences.Single(d => d.GetProperty("name").GetString() == recommendation.GetProperty("defence").GetString());
        // Within the default budget (a tenth of the cap) and hiding the lab from the ISP, whatever it slows (the verdict says what).
        Assert.True(chosen.GetProperty("effective").GetBoolean() || chosen.GetProperty("scoped").GetProperty("effective").GetBoolean());
        Assert.True(chosen.GetProperty("within_budget").GetBoolean());
        Assert.True(chosen.GetProperty("gb_per_month").GetDouble() <= root.GetProperty("settings").GetProperty("budget_gb_per_month").GetDouble());
        Assert.Equal(chosen.GetProperty("broken").EnumerateArray().Select(b => b.GetString()), root.GetProperty("verdict").GetProperty("recommended").GetProperty("breaks").EnumerateArray().Select(b => b.GetString()));
        var spec = chosen.GetProperty("spec").GetString()!;
        AssertDeploysTheRecommendedPlan(spec, recommendation.GetProperty("command").GetString()!);
        AssertEveryPaddingTriedIsDeployable(defences);
        Assert.DoesNotContain(defences, d => d.GetProperty("usable").GetBoolean() && d.GetProperty("within_budget").GetBoolean() && d.GetProperty("spec").GetString()!.Contains("up=", StringComparison.Ordinal) && d.GetProperty("overhead_kb_per_second").GetDouble() < chosen.GetProperty("overhead_kb_per_second").GetDouble());

        // Paper 003's views: every internet byte under one protocol, every device's bytes inside and outside the home.
        var devicesJson = root.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(devicesJson.Sum(d => d.GetProperty("bytes_up").GetInt64() + d.GetProperty("bytes_down").GetInt64()), root.GetProperty("protocols").EnumerateArray().Sum(p => p.GetProperty("bytes").GetInt64()));
        Assert.Equal("https", root.GetProperty("protocols")[0].GetProperty("name").GetString());
        Assert.All(devicesJson, d => Assert.True(d.GetProperty("bytes_local").GetInt64() >= 0));

        // One file that works offline: plots inline, nothing fetched, every section there.
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Equal(7 + 3 + 2 + 2, html.Split("<svg").Length - 1); // devices, features, timeline, hourly; frontier, Fig. 7; bytes
        ReportSchema.AssertValid(dir.File("report/report.json"));
        var grid = root.GetProperty("scores").GetProperty("grid").EnumerateArray().ToArray();
        Assert.Equal(16, grid.Length);
        Assert.All(grid.Where(c => c.GetProperty("window_seconds").GetInt32() <= 300), c => Assert.True(c.GetProperty("accuracy").GetDouble() >= 0.9));
        foreach (var table in new[] { "devices", "scores", "grid", "activities", "leaks", "defences", "protocols", "locality", "services" })
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

    /// <summary>A capture cut off mid-record (a full disk, a killed tcpdump) is audited as far as it goes, and the page says so.</summary>
    // The recommended command is one a user pastes: its --plan reads back as the plan simulated, and the shaper
    // plans it (the gateway's commands, with that very plan printed canonically).
    internal static void AssertDeploysTheRecommendedPlan(string spec, string command)
    {
        Assert.StartsWith("blinds shape up --mode cells --plan '", command, StringComparison.Ordinal);
        var quoted = command.Split('\'')[1];
        Assert.Equal(Defences.Specs.DefenceSpec.Parse(spec), Defences.Specs.DefenceSpec.Parse(quoted));
        Assert.Equal(spec, quoted);
        var args = command.Split('\'');
        var argv = args[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Append(args[1]).Concat(args[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal("up", argv[1]);
        argv[1] = "plan";
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("blinds.key"), new byte[32]); // as the user makes it: head -c 32 /dev/urandom > blinds.key
        var plan = CliRunner.Run(dir.Path, argv);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.StartsWith($"# plan: {spec} (", plan.Stdout, StringComparison.Ordinal);
    }

    // Every padding the audit weighs is one the shaper deploys as simulated; what it cannot deploy (stochastic
    // padding) it refuses in one line, and the audit never recommends it.
    private static void AssertEveryPaddingTriedIsDeployable(JsonElement[] defences)
    {
        using var dir = new TempDir();
        foreach (var spec in defences.Select(d => d.GetProperty("spec").GetString()!).Where(s => s.StartsWith("tunnel+", StringComparison.Ordinal)))
        {
            var r = CliRunner.Run(dir.Path, "shape", "plan", "--mode", "cells", "--plan", spec, "--dev", "blinds0", "--peer", "203.0.113.1:51821", "--route", "192.168.1.0/24", "--lan-dev", "br0");
            if (spec.Contains("+stp", StringComparison.Ordinal))
            {
                Assert.Equal(1, r.ExitCode);
                Assert.Contains("stochastic padding cannot be deployed yet", r.Stderr, StringComparison.Ordinal);
                continue;
            }

            Assert.True(r.ExitCode == 0, spec + ": " + r.Stderr);
            Assert.StartsWith($"# plan: {spec} (", r.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_truncated_capture_is_audited_as_far_as_it_goes_and_the_page_says_so()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(lab.Capture);
        File.WriteAllBytes(dir.File("cut.pcapng"), bytes[..(bytes.Length / 2)]);
        var r = CliRunner.Run(dir.Path, "audit", "cut.pcapng", "--out", "report");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var anomalies = doc.RootElement.GetProperty("summary").GetProperty("anomalies").EnumerateArray().ToArray();
        var cut = Assert.Single(anomalies, a => a.GetProperty("id").GetString() == "truncated_record");
        Assert.Equal("cut.pcapng", Path.GetFileName(cut.GetProperty("first_file").GetString()));
        Assert.Equal("none", doc.RootElement.GetProperty("defences")[0].GetProperty("spec").GetString());
        Assert.Contains(doc.RootElement.GetProperty("defences").EnumerateArray(), d => d.GetProperty("spec").GetString() == "tunnel");
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("<table id=\"anomalies\">", html, StringComparison.Ordinal);
        Assert.Contains("truncated_record", html, StringComparison.Ordinal);

        // An intact capture's page has no such table.
        Assert.Equal(0, CliRunner.Run(dir.Path, "audit", lab.Capture, "--out", "whole").ExitCode);
        Assert.DoesNotContain("<table id=\"anomalies\">", File.ReadAllText(dir.File("whole/report.html")), StringComparison.Ordinal);
    }

    /// <summary>
    /// report.html opened as a person would, in a browser: headless Chromium (flags that keep it off the network),
    /// a screenshot kept in artifacts/ at the repository root, and the rendered page checked for its plots and tables.
    /// </summary>
    [SkippableFact]
    public void The_report_renders_in_a_browser_without_console_errors()
    {
        var chromium = new[] { "chromium", "chromium-browser" }.Select(c => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, c)).FirstOrDefault(File.Exists)).FirstOrDefault(p => p is not null);
        Skip.If(chromium is null, "needs chromium (.ci/run installs Debian's)");
        using var dir = new TempDir();
        Assert.Equal(0, CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--out", dir.File("report")).ExitCode);
        var artifacts = Path.Combine(SharedData.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "report.png");
        File.Delete(screenshot);
        string[] flags =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={dir.File("profile")}", "--enable-logging=stderr", "--v=0",
        ];
        var url = new Uri(dir.File("report/report.html")).AbsoluteUri;
        var shot = Browser(chromium!, [.. flags, "--window-size=1200,4000", $"--screenshot={screenshot}", url]);
        var dom = Browser(chromium!, [.. flags, "--dump-dom", url]);
        Assert.Equal(0, shot.ExitCode);
        Assert.Equal(0, dom.ExitCode);

        // A page that rendered: a screenshot with content, every plot and table in the rendered DOM, no console error.
        Assert.True(new FileInfo(screenshot).Length > 50_000, $"screenshot of {new FileInfo(screenshot).Length} bytes");
        Assert.Equal(7 + 3 + 2 + 2, dom.Stdout.Split("<svg").Length - 1);

        // Paper 002 Fig. 7: the recommended defence against no defence for one leaking device, both series named.
        Assert.Contains("Paper 002 Fig. 7 on this home", dom.Stdout, StringComparison.Ordinal);
        Assert.Matches("unshaped: [^<]+'s own traffic", dom.Stdout);
        Assert.Contains("with the recommended defence (right axis; named below)", dom.Stdout, StringComparison.Ordinal);
        Assert.Contains("<table id=\"defences\">", dom.Stdout, StringComparison.Ordinal);
        var console = (shot.Stderr + dom.Stderr).Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
        Assert.True(console.Length == 0, string.Join('\n', console));

        // A phone (375 px) and a desktop (1280 px): the page never scrolls sideways. The report has no script; a copy
        // with one line that writes the page's width into the DOM measures it.
        foreach (var width in new[] { 375, 1280 })
        {
            var probe = dir.File($"report/probe-{width}.html");
            File.WriteAllText(probe, File.ReadAllText(dir.File("report/report.html")).Replace("</body>", "<script>document.body.setAttribute('data-width', document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth)</script></body>", StringComparison.Ordinal));
            var measured = Browser(chromium!, [.. flags, $"--window-size={width},900", "--dump-dom", new Uri(probe).AbsoluteUri]);
            var match = System.Text.RegularExpressions.Regex.Match(measured.Stdout, "data-width=\"(\\d+) (\\d+)\"");
            Assert.True(match.Success, measured.Stderr);
            Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), $"at {width} px the page is {match.Groups[1].Value} px wide, the window {match.Groups[2].Value}");
            var errors = measured.Stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
            Assert.True(errors.Length == 0, string.Join('\n', errors));
        }
    }

    private static CliRunner.Result Browser(string chromium, string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 2 minutes");
        }

        return new CliRunner.Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A real capture (the SSI smart plug's active measurements), audited as a user would: the report's facts against the capture's.</summary>
    [SkippableFact]
    public void A_real_capture_is_audited_and_its_facts_agree_with_the_capture()
    {
        var data = SharedData.Require();
        var capture = Path.Combine(data, "edim98_SSI_Measurements_2022", "Smart Power Plug", "2-smartPowerPlugActiveMeasurements.pcap");
        Skip.IfNot(File.Exists(capture), $"{capture} is not here");
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "audit", capture, "--out", "report");
        Assert.Equal(0, r.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var summary = CliRunner.Run(dir.Path, "summary", capture, "--json");
        using var expected = JsonDocument.Parse(summary.Stdout);
        var captured = report.RootElement.GetProperty("summary").GetProperty("captures")[0];
        var truth = expected.RootElement.GetProperty("captures")[0];
        Assert.Equal(truth.GetProperty("packets").GetInt64(), captured.GetProperty("packets").GetInt64());
        Assert.Equal(truth.GetProperty("first").GetString(), captured.GetProperty("first").GetString());
        var devices = report.RootElement.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(expected.RootElement.GetProperty("devices").GetArrayLength(), devices.Length);
        Assert.Equal(
            expected.RootElement.GetProperty("devices").EnumerateArray().Sum(d => d.GetProperty("bytes_up").GetInt64()),
            devices.Sum(d => d.GetProperty("bytes_up").GetInt64()));
        Assert.Equal(
            expected.RootElement.GetProperty("devices").EnumerateArray().Sum(d => d.GetProperty("bytes_local").GetInt64()),
            devices.Sum(d => d.GetProperty("bytes_local").GetInt64()));
        Assert.Equal(24, report.RootElement.GetProperty("hourly").GetArrayLength());
        Assert.Equal(
            devices.Sum(d => d.GetProperty("bytes_up").GetInt64() + d.GetProperty("bytes_down").GetInt64()),
            report.RootElement.GetProperty("hourly").EnumerateArray().Sum(h => h.GetProperty("bytes_up").GetInt64() + h.GetProperty("bytes_down").GetInt64()));
        Assert.True(File.Exists(dir.File("report/report.html")));
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
