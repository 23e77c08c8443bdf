using Blinds.Testing;

using Xunit;

namespace Blinds.Shaping.Tests;

/// <summary>The cell path's and the firewall's plans (no root): pinned by golden files; bad input is one line and changes nothing.</summary>
public class CellPlanTests
{
    [Theory]
    [InlineData("cells-gateway", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.168.1.0/24", "--up-rate", "20KB/s")]
    [InlineData("cells-endpoint-vit-open", "--mode", "cells", "--endpoint", "--dev", "blinds0", "--route", "192.168.1.0/24", "--down-rate", "200KB/s", "--cell", "1024", "--timing", "vit", "--spread", "0.3", "--period", "10s", "--fail", "open")]
    public void Cell_plans_are_the_exact_commands(string name, params string[] args)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. args]);
        Assert.Equal(0, r.ExitCode);
        Golden.Check("Blinds.Shaping.Tests", name + ".txt", r.Stdout);
    }

    [Fact]
    public void A_decoy_plan_lists_a_days_decoys_copied_from_the_capture_the_same_each_time()
    {
        using var dir = new TempDir();
        Lab.LabOutput.Write(Lab.Presets.PaperLab(1), dir.File("lab.pcapng"));
        string[] args = ["shape", "plan", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.168.1.0/24", "--plan", "tunnel+decoy:per-day=3,jitter=10m", "--decoys-from", dir.File("lab.pcapng"), "--decoy-day", "2026-01-06"];
        var r = CliRunner.Run(dir.Path, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Golden.Check("Blinds.Shaping.Tests", "cells-plan-decoys.txt", r.Stdout);

        // Drawn from the seed and the day alone: planning again gives the same decoys, another day or seed others.
        Assert.Equal(r.Stdout, CliRunner.Run(dir.Path, args).Stdout);
        Assert.NotEqual(r.Stdout, CliRunner.Run(dir.Path, [.. args[..^1], "2026-01-07"]).Stdout);
        Assert.NotEqual(r.Stdout, CliRunner.Run(dir.Path, [.. args, "--seed", "2"]).Stdout);

        // Each decoy copies a real activity period: 7 devices, 3 a day each.
        Assert.Equal(21, r.Stdout.Split('\n').Count(l => l.StartsWith("#   ", StringComparison.Ordinal)));

        // The endpoint needs no capture: it answers the gateway's requests for download bytes.
        var ep = CliRunner.Run(dir.Path, "shape", "plan", "--mode", "cells", "--endpoint", "--dev", "blinds0", "--route", "192.168.1.0/24", "--plan", "tunnel+decoy:per-day=3,jitter=10m");
        Assert.True(ep.ExitCode == 0, ep.Stderr);
        Assert.Contains("decoys: the gateway's decoy cells ask for their download bytes", ep.Stdout, StringComparison.Ordinal);

        // Bad input is one line: a day that is not one, a capture that does not exist.
        var day = CliRunner.Run(dir.Path, [.. args[..^1], "06/01/2026"]);
        Assert.Equal(1, day.ExitCode);
        Assert.Equal("blinds: error: --decoy-day: '06/01/2026' is not a day such as 2026-12-03", day.Stderr.Trim());
        var missing = CliRunner.Run(dir.Path, [.. args[..^3], dir.File("none.pcapng"), "--decoy-day", "2026-01-06"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("firewall-block-conceal", "block:device=50:c7:bf:00:fc:a3,domain=ads.example;tracker.example,address=203.0.113.7;2001:db8::7+conceal-dns")]
    [InlineData("firewall-conceal", "conceal-dns+constant:rate=10KB/s")]
    public void Firewall_plans_are_the_exact_rules_and_resolver(string name, string defence)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "shape", "firewall", "plan", "--defence", defence, "--lan-dev", "br0");
        Assert.Equal(0, r.ExitCode);
        Golden.Check("Blinds.Shaping.Tests", name + ".txt", r.Stdout);
    }

    [SkippableFact]
    public void The_resolver_configuration_passes_unbound_checkconf()
    {
        var checker = new[] { "/usr/sbin/unbound-checkconf", "/usr/bin/unbound-checkconf" }.FirstOrDefault(File.Exists);
        Skip.If(checker is null, "unbound-checkconf is not installed (apt install unbound)");
        using var dir = new TempDir();
        var plan = new Firewall.FirewallPlan { ConcealDns = true, LanDevice = "br0", HomeNetwork = "192.168.1.0/24", ResolverAddress = "127.0.0.1" };
        File.WriteAllText(dir.File("blinds.conf"), plan.ResolverConfig());
        var r = Netns.Run(TimeSpan.FromMinutes(1), checker!, dir.File("blinds.conf"));
        Assert.True(r.Code == 0, r.Stdout + r.Stderr);
    }

    [SkippableFact]
    public void The_nftables_ruleset_passes_nft_check()
    {
        Skip.If(!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/sbin/nft"), "needs root and nft");
        using var dir = new TempDir();
        var plan = Firewall.FirewallPlan.From(Defences.Specs.DefenceSpec.Parse("block:device=50:c7:bf:00:fc:a3,domain=ads.example,address=203.0.113.7;2001:db8::7+conceal-dns"), "lo", "192.168.1.0/24", "192.168.1.1")!;
        File.WriteAllText(dir.File("rules.nft"), plan.Ruleset());
        var r = Netns.Run(TimeSpan.FromMinutes(1), "nft", "-c", "-f", dir.File("rules.nft"));
        Assert.True(r.Code == 0, r.Stderr);
    }

    [SkippableFact]
    public void The_cell_paths_device_marks_pass_nft_check()
    {
        Skip.If(!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/sbin/nft"), "needs root and nft");
        using var dir = new TempDir();
        var site = new Cells.CellSite { Listen = System.Net.IPEndPoint.Parse("0.0.0.0:51821"), Peer = System.Net.IPEndPoint.Parse("203.0.113.2:51821"), LanDevice = "br0", Key = new byte[32] };
        var plan = Cells.CellPlan.From(Defences.Specs.DefenceSpec.Parse("tunnel+constant:devices=50:c7:bf:00:fc:a3;94:10:3e:35:01:c1"), site);
        File.WriteAllLines(dir.File("marks.nft"), plan.Up().Where(c => c[0] == "nft").Select(c => string.Join(' ', c.Skip(1))));
        var r = Netns.Run(TimeSpan.FromMinutes(1), "nft", "-c", "-f", dir.File("marks.nft"));
        Assert.True(r.Code == 0, r.Stderr);
    }

    [Theory]
    [InlineData(new[] { "plan", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--up-rate", "0B/s" }, "blinds: error: --up-rate must be from 1 B/s to 1 GB/s, got '0B/s'")]
    [InlineData(new[] { "plan", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--up-rate", "-5KB/s" }, "blinds: error: --up-rate must be from 1 B/s to 1 GB/s, got '-5KB/s'")]
    [InlineData(new[] { "plan", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--up-rate", "10KB/s", "--cell", "60" }, "blinds: error: --cell: 60 bytes; a cell holds its own headers (60 bytes: IP 20, UDP 8, counter 8, tag 16, fragment header 8) and at least 50 bytes of packet, so 110 to 1500")]
    [InlineData(new[] { "plan", "--mode", "cells", "--dev", "blinds0", "--route", "192.0.2.0/24", "--up-rate", "10KB/s" }, "blinds: error: --peer: the gateway needs the endpoint's ADDRESS:PORT")]
    [InlineData(new[] { "up", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--up-rate", "10KB/s" }, "blinds: error: --key-file: the cell path needs the 32-byte pre-shared key (the same file on both ends)")]
    [InlineData(new[] { "firewall", "plan", "--defence", "block:device=not-a-mac", "--lan-dev", "br0" }, "blinds: error: --defence: defence 'block:device=not-a-mac': device= must be MAC addresses")]
    [InlineData(new[] { "firewall", "plan", "--defence", "constant:rate=10KB/s", "--lan-dev", "br0" }, "blinds: error: --defence: 'constant:rate=10KB/s' has no block or conceal-dns part to deploy here (shaping: blinds shape up)")]
    public void Bad_input_is_one_line(string[] args, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", .. args]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
    }

    [SkippableFact]
    public void An_interface_that_does_not_exist_changes_nothing()
    {
        Skip.If(!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess, "needs root");
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("key"), new byte[32]);
        var env = new Dictionary<string, string> { ["BLINDS_STATE_DIR"] = dir.File("state") };
        var before = Netns.Run("ip", "-brief", "link", "show") + Netns.Run("ip", "rule", "show");

        var noLan = CliRunner.RunWith(env, dir.Path, "shape", "firewall", "up", "--defence", "conceal-dns", "--lan-dev", "nosuchif0");
        Assert.Equal(2, noLan.ExitCode);
        Assert.Equal("blinds: error: --lan-dev: nosuchif0: no such network interface", noLan.Stderr.Trim());

        var noDev = CliRunner.RunWith(env, dir.Path, "shape", "up", "--dev", "nosuchif0", "--rate", "10KB/s");
        Assert.Equal(2, noDev.ExitCode);
        Assert.Equal("blinds: error: nosuchif0: no such network interface", noDev.Stderr.Trim());

        var noLanCells = CliRunner.RunWith(env, dir.Path, "shape", "up", "--mode", "cells", "--dev", "blinds9", "--peer", "203.0.113.2:51821", "--lan-dev", "nosuchif0", "--key-file", dir.File("key"), "--plan", "tunnel+constant:devices=50:c7:bf:00:fc:a3");
        Assert.Equal(2, noLanCells.ExitCode);
        Assert.Equal("blinds: error: --lan-dev: nosuchif0: no such network interface", noLanCells.Stderr.Trim());

        Assert.Equal(before, Netns.Run("ip", "-brief", "link", "show") + Netns.Run("ip", "rule", "show"));
        Assert.False(Directory.Exists(dir.File("state")) && Directory.EnumerateFiles(dir.File("state")).Any(), "a state was left behind");
    }
}
