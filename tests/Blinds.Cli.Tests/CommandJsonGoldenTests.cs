using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// Each command's JSON on the lab's paper-lab capture, kept as golden files: a change of behaviour or of a field name
/// shows as a diff to review (BLINDS_UPDATE_GOLDEN=1 rewrites them), never silently.
/// </summary>
public class CommandJsonGoldenTests(LabFixture lab) : IClassFixture<LabFixture>
{
    public static TheoryData<string, string[]> Commands => new()
    {
        { "summary", ["summary", "lab.pcapng", "--json"] },
        { "rates", ["rates", "lab.pcapng", "--device", "f4:b8:5e:10:20:31", "--bin", "5m", "--json"] },
        { "identify-lan", ["identify", "lab.pcapng", "--labels", "lab.devices.csv", "--json"] },
        { "identify-isp", ["identify", "lab.pcapng", "--observer", "isp", "--json"] },
        { "activity-lan", ["activity", "lab.pcapng", "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--json"] },
        { "activity-isp", ["activity", "lab.pcapng", "--observer", "isp", "--devices", "lab.devices.csv", "--events", "lab.events.csv", "--json"] },
        { "simulate", ["simulate", "lab.pcapng", "--defence", "tunnel+constant:up=8KB/s,down=20KB/s", "--labels", "lab.devices.csv", "--events", "lab.events.csv", "--json"] },
        { "frontier", ["frontier", "lab.pcapng", "--defence", "tunnel+constant", "--sweep", "rate=2KB/s..32KB/s", "--points", "3", "--labels", "lab.devices.csv", "--events", "lab.events.csv", "--json"] },
        { "tolerance", ["tolerance", "lab.pcapng", "--labels", "lab.devices.csv", "--json"] },
        { "fingerprint-eval", ["fingerprint", "eval", "lab.pcapng", "--labels", "lab.devices.csv", "-w", "300", "-s", "10", "--json"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_output_matches_its_golden_file(string name, string[] args)
    {
        var r = CliRunner.Run(lab.Dir.Path, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Golden.Check("Blinds.Cli.Tests", $"json/{name}.json", r.Stdout);
    }
}
