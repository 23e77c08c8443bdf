using System.Text.Json;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// identify, activity, simulate and audit on flow records: softflowd's NetFlow v9 export of a lab capture read as the ISP's
/// view, beside the same commands on the capture itself.
/// </summary>
public sealed class FlowAttackCliTests : IClassFixture<SoftflowdExportFixture>
{
    private readonly SoftflowdExportFixture lab;

    public FlowAttackCliTests(SoftflowdExportFixture lab) => this.lab = lab;

    [SkippableFact]
    public void Identify_on_flow_records_sees_the_streams_the_isp_sees_in_the_capture_and_scores_above_chance()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var flows = CliRunner.Run(lab.Dir.Path, "identify", lab.Export, "--labels", lab.Devices, "--json");
        var packets = CliRunner.Run(lab.Dir.Path, "identify", lab.Capture, "--observer", "isp", "--labels", lab.Devices, "--json");

        Assert.True(flows.ExitCode == 0, flows.Stderr);
        Assert.True(packets.ExitCode == 0, packets.Stderr);
        using var f = JsonDocument.Parse(flows.Stdout);
        using var p = JsonDocument.Parse(packets.Stdout);
        Assert.Equal("isp", f.RootElement.GetProperty("observer").GetString());
        static string[] Remotes(JsonDocument d) => d.RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("remote").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Remotes(p), Remotes(f));

        // The MACs softflowd put in the records tie each stream to its device, so the rate attack can be scored.
        var rates = f.RootElement.GetProperty("score").GetProperty("rates");
        Assert.True(rates.GetProperty("accuracy").GetDouble() > rates.GetProperty("chance").GetDouble() + 0.1, flows.Stdout);
        Assert.All(f.RootElement.GetProperty("entities").EnumerateArray(), e => Assert.NotNull(e.GetProperty("truth").GetString()));
    }

    [SkippableFact]
    public void Activity_on_flow_records_is_scored_against_the_labels_and_finds_less_than_on_packets()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var flows = CliRunner.Run(lab.Dir.Path, "activity", lab.Export, "--events", lab.Events, "--devices", lab.Devices, "--json");
        var packets = CliRunner.Run(lab.Dir.Path, "activity", lab.Capture, "--observer", "isp", "--events", lab.Events, "--devices", lab.Devices, "--json");

        Assert.True(flows.ExitCode == 0, flows.Stderr);
        Assert.True(packets.ExitCode == 0, packets.Stderr);
        using var f = JsonDocument.Parse(flows.Stdout);
        using var p = JsonDocument.Parse(packets.Stdout);
        var fh = f.RootElement.GetProperty("home");
        var ph = p.RootElement.GetProperty("home");
        Assert.Equal(ph.GetProperty("truth").GetInt32(), fh.GetProperty("truth").GetInt32());

        // A 60 s flow flattens the burst of an activity into the flow's mean rate (docs/flows.md).
        Assert.True(fh.GetProperty("f1").GetDouble() < ph.GetProperty("f1").GetDouble(), $"flows {fh}, packets {ph}");
    }

    [SkippableFact]
    public void Simulate_on_flow_records_replays_every_byte_each_device_exchanged_with_the_internet()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var flows = CliRunner.Run(lab.Dir.Path, "simulate", lab.Export, "--defence", "tunnel+constant:rate=10KB/s", "--labels", lab.Devices, "--json");
        var packets = CliRunner.Run(lab.Dir.Path, "simulate", lab.Capture, "--defence", "tunnel+constant:rate=10KB/s", "--labels", lab.Devices, "--json");

        Assert.True(flows.ExitCode == 0, flows.Stderr);
        Assert.True(packets.ExitCode == 0, packets.Stderr);
        using var f = JsonDocument.Parse(flows.Stdout);
        using var p = JsonDocument.Parse(packets.Stdout);

        // Flows count IP bytes, the replay adds the Ethernet header the capture's frames have: per device, the same.
        static Dictionary<string, long> RealBytes(JsonDocument d) => d.RootElement.GetProperty("cost").GetProperty("devices").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("real_bytes").GetInt64());
        Assert.Equal(7, RealBytes(f).Count);
        Assert.Equal(RealBytes(p), RealBytes(f));
        Assert.True(f.RootElement.GetProperty("cost").GetProperty("padding_bytes").GetInt64() > 0);
    }

    [SkippableFact]
    public void Audit_on_flow_records_judges_the_isp_only_and_says_the_lan_and_wifi_are_not_measured()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");
        using var dir = new TempDir();

        var r = CliRunner.Run(lab.Dir.Path, "audit", lab.Export, "--devices", lab.Devices, "--events", lab.Events, "--out", dir.File("report"), "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        ReportSchema.AssertValid(dir.File("report/report.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("report/report.json")));
        var root = doc.RootElement;

        // The exporter is not a device of the home: the flows' home ends (with softflowd's MACs) are.
        Assert.Equal(7, root.GetProperty("devices").GetArrayLength());
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Read from flow records", StringComparison.Ordinal));
        var observers = root.GetProperty("verdict").GetProperty("observers").EnumerateArray().ToDictionary(o => o.GetProperty("observer").GetString()!);
        foreach (var local in new[] { "wifi", "lan" })
        {
            Assert.Contains("not measured", observers[local].GetProperty("words").GetString(), StringComparison.Ordinal);
            Assert.Empty(observers[local].GetProperty("identifies").EnumerateArray());
        }

        // At the flows' resolution the ISP still finds the lab's routines.
        Assert.NotEmpty(observers["isp"].GetProperty("routines").EnumerateArray());
        Assert.StartsWith("From the flow records alone", root.GetProperty("verdict").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("identify")]
    [InlineData("activity")]
    public void Another_observer_on_flow_records_is_one_line_of_bad_usage(string command)
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var r = CliRunner.Run(lab.Dir.Path, command, lab.Export, "--observer", "lan");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("flow records only give the ISP's view", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [SkippableFact]
    public void Simulate_for_the_radio_on_flow_records_is_one_line_of_bad_usage()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var r = CliRunner.Run(lab.Dir.Path, "simulate", lab.Export, "--defence", "tunnel", "--observer", "wifi");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("flow records only give the ISP's view", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [SkippableFact]
    public void Data_before_its_template_is_one_counted_warning_and_the_readable_flows_are_attacked()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var r = CliRunner.Run(lab.Dir.Path, "identify", lab.Untemplated, "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        var warning = Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Matches("^blinds: warning: flow records: .*flow_data_before_template [1-9]", warning);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.NotEmpty(doc.RootElement.GetProperty("entities").EnumerateArray());
    }

    [SkippableFact]
    public void Flow_records_and_a_capture_together_are_refused()
    {
        Skip.IfNot(SoftflowdExportFixture.Available, "softflowd is not installed (apt install softflowd; .ci/run does)");

        var r = CliRunner.Run(lab.Dir.Path, "identify", lab.Export, lab.Capture);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not both", r.Stderr, StringComparison.Ordinal);
    }
}
