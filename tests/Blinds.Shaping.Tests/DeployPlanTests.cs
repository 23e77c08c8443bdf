using System.Net;

using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Shaping.Cells;
using Blinds.Testing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Shaping.Tests;

/// <summary>
/// One plan from simulation to shaper (issue 16 item 2): the shaper's plans are made from the <see cref="DefencePlan"/>
/// value simulate uses, the shorthands build the same value, and what the shaper cannot deploy is one line naming it.
/// </summary>
public class DeployPlanTests
{
    private static readonly string[] Gateway = ["--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.168.1.0/24"];

    private static CellSite Site(CellRole role) => new()
    {
        Role = role,
        Listen = IPEndPoint.Parse("0.0.0.0:51821"),
        Peer = role == CellRole.Gateway ? IPEndPoint.Parse("203.0.113.2:51821") : null,
        Route = "192.0.2.0/24",
        LanDevice = "br0",
        Key = new byte[32],
    };

    [Property(MaxTest = 500)]
    public void A_cell_leaves_when_the_simulation_sends_a_slot_and_is_as_long_on_the_wire(int seed)
    {
        var r = new Random(seed);
        var shaper = new ShaperOptions
        {
            UpBytesPerSecond = Math.Round(Math.Exp(r.NextDouble() * Math.Log(1e7)), 3) + 1,
            DownBytesPerSecond = Math.Round(Math.Exp(r.NextDouble() * Math.Log(1e7)), 3) + 1,
            PacketBytes = r.Next(64, ShapeDeployment.SlotBytes(ShapeDeployment.MaxCellBytes) + 1),
            Spread = r.Next(2) == 0 ? 0 : Math.Round(r.NextDouble() * 0.9, 2),
            Period = TimeSpan.FromSeconds(r.Next(1, 60)),
            QueueBytes = r.Next(1_000, 10_000_000),
        };
        var plan = DefencePlan.None.WithTunnel().WithShaper(shaper);
        foreach (var role in new[] { CellRole.Gateway, CellRole.Endpoint })
        {
            var o = CellPlan.From(plan, Site(role)).Options;
            var up = role == CellRole.Gateway;

            // Same send times: one cell per slot interval. Same length: the slot's frame in WireGuard is the cell plus Ethernet.
            Assert.Equal(shaper.PacketBytes / shaper.BytesPerSecond(up), o.CellBytes / o.BytesPerSecond, 1e-9);
            Assert.Equal(shaper.PacketBytes + TunnelProtocol.WireGuard.OverheadBytes, o.CellBytes + ShapeDeployment.EthernetBytes);
            Assert.Equal(shaper.PacketBytes - ShapeDeployment.EthernetBytes, new CellFormat(o.CellBytes).PayloadBytes);
            Assert.Equal(shaper.Spread, o.Spread);
            Assert.Equal(shaper.Period, o.Period);
            Assert.Equal(shaper.QueueBytes, o.QueueBytes);
        }
    }

    [Fact]
    public void The_plans_devices_are_the_cells_devices_and_the_rate_only_mode_takes_its_rate_and_schedule()
    {
        var plan = DefenceSpec.Parse("tunnel+vit:up=4KB/s,down=8KB/s,spread=0.3,devices=50:c7:bf:00:fc:a3;94:10:3e:35:01:c1");
        var cells = CellPlan.From(plan, Site(CellRole.Gateway));
        Assert.Equal(plan.ShaperScope.Devices!.Order(), cells.Devices!);
        Assert.Same(plan, cells.Defence);
        Assert.Contains(cells.Up(), c => c[0] == "nft" && string.Join(' ', c).Contains("{ 50:c7:bf:00:fc:a3, 94:10:3e:35:01:c1 }", StringComparison.Ordinal));
        Assert.Contains(cells.Down(), c => string.Join(' ', c) == "nft delete table inet blinds_cells");

        var scheduled = DefenceSpec.Parse("tunnel+vit:up=4KB/s,down=8KB/s,spread=0.3,schedule=22:00-06:00,devices=50:c7:bf:00:fc:a3");
        var site = new RateOnlySite { Device = "tun0", CoverTo = IpAddress.FromV4(0xc612_00fe), LanDevice = "br0" };
        var rateOnly = ShapePlan.From(scheduled, site);
        Assert.Equal(4_000, rateOnly.BytesPerSecond);
        Assert.Equal(8_000, ShapePlan.From(scheduled, site with { Endpoint = true }).BytesPerSecond);
        Assert.Equal(ShapeMode.Vit, rateOnly.Mode);
        Assert.Equal(0.3, rateOnly.Spread);
        Assert.Equal(scheduled.ShaperScope.Windows, rateOnly.Schedule);
        Assert.Equal([MacAddress.Parse("50:c7:bf:00:fc:a3")], rateOnly.Devices!);
    }

    [Theory]
    [InlineData("tunnel+stp", "'stp': stochastic padding cannot be deployed yet")]
    [InlineData("decoy:per-day=3", "'decoy:per-day=3': decoys travel inside the cells' tunnel")]
    [InlineData("block:domain=ads.example+tunnel+constant", "'block:domain=ads.example': blocking is deployed by `blinds shape firewall up")]
    [InlineData("conceal-dns+tunnel+constant", "'conceal-dns': DNS concealment is deployed by `blinds shape firewall up")]
    [InlineData("constant:rate=4KB/s", "'constant:rate=4KB/s': the shaper pads inside a tunnel")]
    [InlineData("tunnel", "'tunnel': no constant or vit part")]
    [InlineData("tunnel:protocol=openvpn+constant", "'tunnel:protocol=openvpn': the cell path adds WireGuard's 60 bytes")]
    [InlineData("tunnel+constant:size=526,header=74", "'constant:size=526,header=74': header= stands for")]
    [InlineData("tunnel+constant:schedule=22:00-06:00", "'constant:schedule=22:00-06:00': the cell path cannot follow schedule=")]
    [InlineData("tunnel+constant:size=1455", "'constant:size=1455': size=1455: the cell path's slots are at most 1454 bytes")]
    public void What_the_shaper_cannot_deploy_is_one_line_naming_the_part(string plan, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. Gateway, "--plan", plan]);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.StartsWith("blinds: error: --plan: " + message, r.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void The_pasted_command_of_a_decoy_plan_names_the_capture_the_decoys_copy()
    {
        var plan = DefenceSpec.Parse("tunnel+decoy:per-day=4+constant:up=4KB/s,down=8KB/s");
        var (gateway, endpoint) = ShapeCommandLine.For(plan, "192.168.1.0/24", "home.pcapng");
        Assert.EndsWith("--decoys-from 'home.pcapng'", gateway, StringComparison.Ordinal);
        Assert.Contains($"--plan '{DefenceSpec.Format(plan)}'", endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("--decoys-from", endpoint, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ShapeCommandLine.For(plan, "192.168.1.0/24"));
        Assert.Throws<FormatException>(() => ShapeCommandLine.For(DefenceSpec.Parse("tunnel+stp"), "192.168.1.0/24", "home.pcapng"));
    }

    [Theory]
    [InlineData("cells", "tunnel+decoy:per-day=3+constant", "--decoys-from: the decoy part copies the devices' real activity periods")]
    [InlineData("rate-only", "tunnel+decoy:per-day=3+constant", "--plan: 'decoy:per-day=3': decoys are sent through the cell path")]
    public void Decoys_need_the_cell_path_and_a_capture_to_copy(string mode, string plan, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. Gateway[2..], "--mode", mode, "--plan", plan]);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.StartsWith("blinds: error: " + message, r.Stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Theory]
    [InlineData("cells-plan-devices", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--lan-dev", "br0", "--plan", "tunnel+constant:up=4KB/s,down=8KB/s,devices=50:c7:bf:00:fc:a3;94:10:3e:35:01:c1")]
    [InlineData("cells-plan-endpoint-vit", "--mode", "cells", "--endpoint", "--dev", "blinds0", "--route", "192.168.1.0/24", "--plan", "tunnel+vit:up=4KB/s,down=8KB/s,spread=0.3,period=10s,queue=1MB")]
    [InlineData("rate-only-plan", "--mode", "rate-only", "--dev", "tun0", "--mtu", "1500", "--plan", "tunnel+constant:up=4KB/s,down=8KB/s,size=256,devices=50:c7:bf:00:fc:a3", "--lan-dev", "br0")]
    public void Plans_from_a_defence_are_the_exact_commands(string name, params string[] args)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Golden.Check("Blinds.Shaping.Tests", name + ".txt", r.Stdout);
    }

    [Theory]
    [InlineData("--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.168.1.0/24", "--up-rate", "20KB/s", "--cell", "600", "--timing", "vit", "--spread", "0.4", "--period", "3s")]
    [InlineData("--mode", "cells", "--endpoint", "--dev", "blinds0", "--route", "192.168.1.0/24", "--down-rate", "200KB/s", "--up-rate", "5KB/s")]
    [InlineData("--dev", "tun0", "--mtu", "1500", "--rate", "2.5KB/s", "--mode", "vit", "--spread", "0.3", "--period", "10s", "--devices", "50:c7:bf:00:fc:a3", "--lan-dev", "br0", "--schedule", "22:00-06:00", "--size", "300")]
    public void The_shorthands_build_the_plan_they_print(params string[] args)
    {
        // What the shorthands print as their plan, given back as --plan, is the same deployment, command for command.
        using var dir = new TempDir();
        var shorthand = CliRunner.Run(dir.Path, ["shape", "plan", .. args]);
        Assert.True(shorthand.ExitCode == 0, shorthand.Stderr);
        var first = shorthand.Stdout.Split('\n')[0];
        Assert.StartsWith("# plan: ", first, StringComparison.Ordinal);
        var plan = first["# plan: ".Length..].Split(" (", 2)[0];

        var shorthands = new HashSet<string> { "--rate", "--up-rate", "--down-rate", "--timing", "--spread", "--period", "--cell", "--size", "--devices", "--schedule" };
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (shorthands.Contains(args[i]))
            {
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        File.WriteAllText(dir.File("plan.txt"), "# the plan\n" + plan.Replace("+", "\n", StringComparison.Ordinal) + "\n");
        var written = CliRunner.Run(dir.Path, ["shape", "plan", .. rest, "--plan", plan]);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.Equal(shorthand.Stdout, written.Stdout);
        var fromFile = CliRunner.Run(dir.Path, ["shape", "plan", .. rest, "--plan-file", dir.File("plan.txt")]);
        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.Equal(shorthand.Stdout, fromFile.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--plan", "tunnel+constant", "--up-rate", "5KB/s" }, "blinds: error: --up-rate: the plan sets the rates, timing, cell size and devices; give them in --plan, not also as --up-rate")]
    [InlineData(new[] { "--plan", "tunnel+constant:devices=50:c7:bf:00:fc:a3" }, "blinds: error: --plan: devices= needs --lan-dev: the chosen devices' packets are marked by MAC where their frames arrive")]
    [InlineData(new[] { "--plan", "tunnel+constant:devices=cam" }, "blinds: error: --plan: defence 'constant:devices=cam': devices= must be MAC addresses")]
    [InlineData(new[] { "--devices", "cam", "--lan-dev", "br0", "--up-rate", "5KB/s" }, "blinds: error: --devices: 'cam' is not a MAC address")]
    [InlineData(new[] { "--plan", "tunnel+constant:up=0B/s" }, "blinds: error: --plan: defence 'constant:up=0B/s': up= must be from 1 B/s to 1 GB/s, got '0B/s'")]
    [InlineData(new[] { "--plan", "tunnel+constant:rate=-4KB/s" }, "blinds: error: --plan: defence 'constant:rate=-4KB/s': rate= must be from 1 B/s to 1 GB/s, got '-4KB/s'")]
    [InlineData(new[] { "--plan", "tunnel+constant:rate=2GB/s" }, "blinds: error: --plan: defence 'constant:rate=2GB/s': rate= must be from 1 B/s to 1 GB/s, got '2GB/s'")]
    [InlineData(new[] { "--up-rate", "10KB/s", "--period", "0s" }, "blinds: error: --period must be from 1 s to 30 d, got '0s'")]
    [InlineData(new[] { "--plan-file", "no-such-plan.txt" }, null)]
    public void Bad_plans_are_one_line(string[] args, string? message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. Gateway, .. args]);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        if (message is null)
        {
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("no-such-plan.txt", r.Stderr, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
    }

    [Property(MaxTest = 300)]
    public void The_pasted_commands_carry_the_plan_itself(int seed)
    {
        var r = new Random(seed);
        var shaper = new ShaperOptions { UpBytesPerSecond = r.Next(1, 1_000_000) / 10.0, DownBytesPerSecond = r.Next(1, 1_000_000) / 10.0, Spread = r.Next(2) * 0.5 };
        var scope = r.Next(2) == 0 ? MacScope.All : MacScope.Only(Enumerable.Range(0, r.Next(1, 4)).Select(_ => MacAddress.Parse(string.Join(':', Enumerable.Range(0, 6).Select(i => (i == 0 ? r.Next(128) * 2 : r.Next(256)).ToString("x2", System.Globalization.CultureInfo.InvariantCulture))))));
        var plan = DefencePlan.None.WithTunnel().WithShaper(shaper, scope);
        var (gateway, endpoint) = ShapeCommandLine.For(plan, "192.0.2.0/24");
        foreach (var command in new[] { gateway, endpoint })
        {
            Assert.Equal(plan, DefenceSpec.Parse(command.Split('\'')[1]));
        }

        Assert.Equal(scope.Devices is null, gateway.Contains("--route 192.0.2.0/24", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => ShapeCommandLine.For(plan.WithInjection(new InjectionOptions()), "192.0.2.0/24"));
    }

    [Fact]
    public void A_plan_without_a_mode_is_deployed_by_the_cell_path()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "shape", "plan", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.168.1.0/24", "--plan", "tunnel+constant:up=4KB/s");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("# Cell path, gateway side", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_beyond_the_link_is_refused_and_an_unknown_speed_is_a_note()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("eth9"));
        File.WriteAllText(dir.File("eth9/speed"), "100\n");
        Directory.CreateDirectory(dir.File("veth9"));
        File.WriteAllText(dir.File("veth9/speed"), "-1\n");

        Assert.Null(LinkSpeed.Check("eth9", 12_500_000, "the upload rate", dir.Path));
        var e = Assert.Throws<FormatException>(() => LinkSpeed.Check("eth9", 12_500_001, "the upload rate", dir.Path));
        Assert.Equal("the upload rate 12.5 MB/s (100 Mbit/s) is beyond eth9's 100 Mbit/s link", e.Message);
        Assert.StartsWith("note: veth9 does not report its speed", LinkSpeed.Check("veth9", 1e9, "the upload rate", dir.Path), StringComparison.Ordinal);
        Assert.StartsWith("note: nosuch0 does not report its speed", LinkSpeed.Check("nosuch0", 1e9, "the upload rate", dir.Path), StringComparison.Ordinal);
    }
}
