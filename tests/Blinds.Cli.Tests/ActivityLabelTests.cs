using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>An events file that cannot be scored against the capture: one line naming the file and line, exit 2.</summary>
public class ActivityLabelTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Theory]
    [InlineData("2026-01-05T00:10:00Z,nobody-knows,toggle", "device 'nobody-knows' is not in")]
    [InlineData("2027-06-01T00:00:00Z,tplink-plug,toggle", "2027-06-01T00:00:00Z is outside the capture (2026-01-05T00:00:00Z to ")]
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
}
