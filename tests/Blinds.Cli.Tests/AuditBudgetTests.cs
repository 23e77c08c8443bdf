using System.Text.Json;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The audit's budget and household settings: echoed, honoured, validated against the shipped schema; bad values one line each.</summary>
public class AuditBudgetTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public void A_budget_a_clock_and_a_settings_file_are_echoed_and_the_recommendation_stays_within_the_budget()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("home.json"), """{ "cap": "350GB", "tz": "Europe/London", "budget": "20GB" }""");
        var r = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--settings", dir.File("home.json"), "--budget", "5GB", "--tz", "America/New_York", "--out", dir.File("report"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        ReportSchema.AssertValid(dir.File("report/report.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var root = doc.RootElement;
        var settings = root.GetProperty("settings");

        // The command line wins over the file; the file's cap stays.
        Assert.Equal(5, settings.GetProperty("budget_gb_per_month").GetDouble(), 6);
        Assert.Equal("America/New_York", settings.GetProperty("time_zone").GetString());
        Assert.Equal(350, settings.GetProperty("cap_gb").GetDouble(), 6);
        Assert.Equal(dir.File("home.json"), settings.GetProperty("settings_file").GetString());

        // Never above the budget: the recommendation (if any) costs at most 5 GB, and so does every row marked within it.
        var recommended = root.GetProperty("verdict").GetProperty("recommended");
        if (recommended.ValueKind != JsonValueKind.Null)
        {
            Assert.True(recommended.GetProperty("gb_per_month").GetDouble() <= 5, recommended.GetRawText());
            Assert.True(recommended.GetProperty("within_budget").GetBoolean());
        }

        Assert.All(root.GetProperty("defences").EnumerateArray().Where(d => d.GetProperty("within_budget").GetBoolean()), d => Assert.True(d.GetProperty("gb_per_month").GetDouble() <= 5));
        Assert.Contains(root.GetProperty("defences").EnumerateArray(), d => !d.GetProperty("within_budget").GetBoolean());

        // The clock: routines' times are on New York's clock (UTC-5 in January): the LAN's first routine sits 5 hours
        // before its UTC activity.
        var lanRoutines = root.GetProperty("verdict").GetProperty("observers").EnumerateArray().Single(o => o.GetProperty("observer").GetString() == "lan").GetProperty("routines");
        var routine = lanRoutines.EnumerateArray().First();
        var first = root.GetProperty("activities").EnumerateArray().First(a => a.GetProperty("device").GetString() == routine.GetProperty("device").GetString() && a.GetProperty("activity").GetString() == routine.GetProperty("activity").GetString());
        var utc = DateTimeOffset.Parse(first.GetProperty("time").GetString()!.Replace(".000000000Z", "Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(utc.ToOffset(TimeSpan.FromHours(-5)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), routine.GetProperty("times")[0].GetString());
        Assert.Contains("America/New_York", File.ReadAllText(dir.File("report/report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--budget", "lots", "--budget: 'lots' is not data such as 50GB or money such as $20")]
    [InlineData("--budget", "$x", "--budget: '$x' is not data such as 50GB or money such as $20")]
    [InlineData("--cap", "-1TB", "--cap: '-1TB' is not a size such as 1TB")]
    [InlineData("--price", "cheap", "--price: 'cheap' is not an amount such as 10")]
    [InlineData("--uplink", "fast", "--uplink: 'fast' is not a rate such as 2.36MB/s")]
    [InlineData("--tz", "Mars/Olympus_Mons", "--tz: 'Mars/Olympus_Mons' is not a time zone; give an IANA name such as Europe/London or America/New_York")]
    [InlineData("--tolerance", "0x", "--tolerance: '0x' is not a factor between 0 and 1000 such as 2x")]
    public void A_bad_setting_is_one_line_naming_the_option(string option, string value, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, option, value, "--out", dir.File("report"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"blinds: error: {message}", r.Stderr.Trim());
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void A_bad_settings_file_names_the_file_and_the_key()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("s.json"), """{ "tz": "Nowhere/Land" }""");
        var r = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--settings", dir.File("s.json"), "--out", dir.File("report"));
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"blinds: error: {dir.File("s.json")}: tz: 'Nowhere/Land' is not a time zone", r.Stderr.Trim(), StringComparison.Ordinal);
        File.WriteAllText(dir.File("t.json"), """{ "budjet": "5GB" }""");
        var unknown = CliRunner.Run(lab.Dir.Path, "audit", lab.Capture, "--settings", dir.File("t.json"), "--out", dir.File("report"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown key 'budjet'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Single(unknown.Stderr.Trim().Split('\n'));
    }
}
