using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>An events file that cannot be scored against the capture: one line naming the file and line, exit 2.</summary>
public class ActivityLabelTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Theory]
    [InlineData("2026-01-05T00:10:00Z,nobody-knows,toggle", "device 'nobody-knows' is not in")]
    [InlineData("2027-06-01T00:00:00Z,tplink-plug,toggle", "2027-06-01T00:00:00Z is outside the capture (")]
    public void A_label_the_capture_cannot_hold_is_refused_naming_its_line(string row, string message)
    {
        var events = lab.Dir.File($"bad-{Math.Abs(row.GetHashCode(StringComparison.Ordinal))}.events.csv");
        File.WriteAllText(events, $"time,device,activity\n2026-01-05T00:02:04Z,tplink-plug,toggle\n{row}\n");
        var devices = Path.ChangeExtension(lab.Capture, null) + ".devices.csv";
        var r = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--events", events, "--devices", devices);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"blinds: error: {events}:3: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    // simulate and frontier read their files through one ExperimentFiles, so both refuse them.
    [Theory]
    [InlineData("simulate", "2026-01-05T00:10:00Z,nobody-knows,toggle", "device 'nobody-knows' is not in")]
    [InlineData("simulate", "2027-06-01T00:00:00Z,tplink-plug,toggle", "2027-06-01T00:00:00Z is outside the capture (")]
    [InlineData("frontier", "2026-01-05T00:10:00Z,nobody-knows,toggle", "device 'nobody-knows' is not in")]
    [InlineData("frontier", "2027-06-01T00:00:00Z,tplink-plug,toggle", "2027-06-01T00:00:00Z is outside the capture (")]
    public void Simulate_and_frontier_refuse_the_same_labels_naming_their_line(string command, string row, string message)
    {
        var events = lab.Dir.File($"bad-{command}-{Math.Abs(row.GetHashCode(StringComparison.Ordinal))}.events.csv");
        File.WriteAllText(events, $"time,device,activity\n2026-01-05T00:02:04Z,tplink-plug,toggle\n{row}\n");
        var devices = Path.ChangeExtension(lab.Capture, null) + ".devices.csv";
        string[] defence = command == "frontier" ? ["--defence", "tunnel+constant", "--sweep", "rate=1KB/s..4KB/s"] : ["--defence", "tunnel"];
        var r = CliRunner.Run(lab.Dir.Path, [command, lab.Capture, .. defence, "--events", events, "--labels", devices]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"blinds: error: {events}:3: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("factor=fast", "--detector: 'factor=fast' is not key=number")]
    [InlineData("quiet=-1", "--detector: quiet must be 0 or more")]
    [InlineData("gap=0", "--detector: gap must be positive")]
    [InlineData("split=-2", "--detector: split must be 0 or more")]
    [InlineData("offschedule=2", "--detector: offschedule must be 0 or 1")]
    [InlineData("nonsense=1", "--detector: unknown parameter 'nonsense'")]
    public void A_bad_detector_setting_is_a_one_line_usage_error(string detector, string message)
    {
        var r = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--detector", detector);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"blinds: error: {message}", r.Stderr.Trim());
    }

    [Fact]
    public void The_quiet_rule_can_be_turned_off_for_evaluation()
    {
        var on = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--json");
        var off = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--detector", "quiet=0", "--json");
        Assert.Equal(0, off.ExitCode);
        Assert.Equal(on.Stdout, off.Stdout); // the lab's two hours are shorter than the two days the rule needs
    }
}
