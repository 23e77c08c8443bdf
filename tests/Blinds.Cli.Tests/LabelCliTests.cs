using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

public sealed class LabelCliTests : IClassFixture<LabFixture>, IDisposable
{
    private readonly LabFixture lab;
    private readonly TempDir dir = new();

    public LabelCliTests(LabFixture lab) => this.lab = lab;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Label_lists_every_lab_station_with_vendor_and_names_and_the_file_reads_back_as_labels()
    {
        var output = dir.File("devices.csv");
        var r = CliRunner.Run(dir.Path, "label", lab.Capture, "--out", output);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(output);
        Assert.Equal("mac,name,type,vendor,dhcp_host_names,names,bytes", lines[0]);

        // Every MAC of the lab's ground truth is listed (the gateway is not a station to label).
        var truth = File.ReadAllLines(Path.ChangeExtension(lab.Capture, null) + ".devices.csv").Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var listed = lines.Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.Subset(listed, truth);
        Assert.Contains(lines, l => l.Contains("tplinkcloud", StringComparison.Ordinal));

        // The file is a valid --labels file as written: fingerprint learn reads it.
        var learn = CliRunner.Run(dir.Path, "fingerprint", "learn", lab.Capture, "--labels", output, "--out", dir.File("sig.json"));
        Assert.True(learn.ExitCode == 0, learn.Stderr);

        // And never replaced.
        Assert.Equal(4, CliRunner.Run(dir.Path, "label", lab.Capture, "--out", output).ExitCode);
    }
}
