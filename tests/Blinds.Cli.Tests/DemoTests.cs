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
        }

        var firstCapture = File.ReadAllBytes(Path.Combine(dir.Path, "blinds-demo", "home.pcapng"));
        var again = CliRunner.Run(dir.Path, "demo");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("blinds-demo-2", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(firstCapture, File.ReadAllBytes(Path.Combine(dir.Path, "blinds-demo-2", "home.pcapng")));
        var taken = CliRunner.Run(dir.Path, "demo", "--out", "blinds-demo");
        Assert.Equal(4, taken.ExitCode);
    }
}
