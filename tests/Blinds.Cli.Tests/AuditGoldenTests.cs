using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// Issue 16: making the audit fast must not change what it finds. report.json on the paper lab (seed 3, labelled)
/// is kept as a golden file, made from main before the audit's compute path was reworked; any change to a figure,
/// however small, shows here as a diff to review (BLINDS_UPDATE_GOLDEN=1 rewrites it when a change is meant).
/// </summary>
public class AuditGoldenTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public void The_paper_lab_audit_report_is_unchanged()
    {
        using var dir = new TempDir();
        // The capture by its name in the lab's folder: report.json echoes the path as given.
        var r = CliRunner.Run(lab.Dir.Path, "audit", "lab.pcapng", "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--out", dir.File("report"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Golden.Check("Blinds.Cli.Tests", "audit-paper-lab-seed3.json", File.ReadAllText(dir.File("report/report.json")));
    }
}
