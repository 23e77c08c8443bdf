using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Shaping.Tests;

/// <summary>`blinds shape plan` needs no root: its commands are pinned by golden files.</summary>
public class PlanTests
{
    [Theory]
    [InlineData("constant-prio", "--dev", "tun0", "--rate", "10KB/s")]
    [InlineData("vit-htb-devices-schedule", "--dev", "tun0", "--rate", "2.5KB/s", "--mode", "vit", "--spread", "0.3", "--period", "10s", "--scheduler", "htb", "--devices", "50:c7:bf:00:fc:a3,94:10:3e:35:01:c1", "--lan-dev", "br0", "--schedule", "22:00-06:00")]
    public void Plans_are_the_exact_commands(string name, params string[] args)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. args, "--mtu", "1500"]);
        Assert.Equal(0, r.ExitCode);
        Golden.Check("Blinds.Shaping.Tests", name + ".txt", r.Stdout);
    }

    [Fact]
    public void Json_plans_list_up_and_down()
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, "shape", "plan", "--dev", "tun0", "--rate", "10KB/s", "--mtu", "1500", "--json");
        Assert.Equal(0, r.ExitCode);
        Golden.Check("Blinds.Shaping.Tests", "constant-prio.json", r.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--dev", "tun0", "--rate", "fast" }, "blinds: error: --rate must be a rate such as 10KB/s or 80kbit/s from 1 B/s to 1 GB/s, got 'fast'")]
    [InlineData(new[] { "--dev", "tun 0", "--rate", "10KB/s" }, "blinds: error: --dev: 'tun 0' is not an interface name")]
    [InlineData(new[] { "--dev", "tun0", "--rate", "10KB/s", "--devices", "50:c7:bf:00:fc:a3" }, "blinds: error: --devices needs --lan-dev: the chosen devices are marked by MAC where their frames arrive")]
    [InlineData(new[] { "--dev", "tun0", "--rate", "10KB/s", "--mode", "wobbly" }, "blinds: error: --mode: 'wobbly' is not cells, rate-only, constant or vit")]
    [InlineData(new[] { "--dev", "tun0", "--rate", "10KB/s", "--cover-to", "example.com" }, "blinds: error: --cover-to: 'example.com' is not an IPv4 address")]
    public void Bad_plans_are_one_line_errors(string[] args, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(dir.Path, ["shape", "plan", .. args]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(message, r.Stderr.Trim());
    }

    [Fact]
    public void Down_undoes_everything_up_adds()
    {
        var plan = new ShapePlan
        {
            Device = "tun0",
            BytesPerSecond = 10_000,
            CoverTo = IpAddress.FromV4(0xc612_00fe),
            Devices = [MacAddress.Parse("50:c7:bf:00:fc:a3")],
            LanDevice = "br0",
            DropCoverTo = IpAddress.FromV4(0xc612_00fd),
        };
        foreach (var scheduler in new[] { Scheduler.Prio, Scheduler.Htb })
        {
            var up = TcScript.Up(plan, scheduler);
            var down = TcScript.Down(plan);

            // Everything tc adds hangs under the root qdisc, which down deletes; every iptables rule and route added is deleted.
            Assert.Contains(down, c => c.SequenceEqual(new[] { "tc", "qdisc", "del", "dev", "tun0", "root" }));
            foreach (var c in up.Where(c => c[0] != "tc"))
            {
                var undo = c.Select(a => a switch { "-A" => "-D", "add" => "del", _ => a }).ToArray();
                Assert.Contains(down, d => d.SequenceEqual(undo));
            }

            Assert.All(up.Where(c => c[0] == "tc"), c => Assert.Equal("tun0", c[Array.IndexOf(c, "dev") + 1]));
        }
    }

    [Fact]
    public void The_state_file_is_private_and_never_replaced()
    {
        using var dir = new TempDir();
        Environment.SetEnvironmentVariable("BLINDS_STATE_DIR", dir.Path);
        try
        {
            var state = new ShapeState { Pid = 1, Device = "tstate0", Before = "qdisc noqueue 0: root refcnt 2", Undo = [], Summary = "test" };
            state.Create();
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ShapeState.PathOf("tstate0")));
            }

            Assert.Throws<IOException>(state.Create);
            Assert.Equal("qdisc noqueue 0: root refcnt 2", ShapeState.Read("tstate0")!.Before);
            state.Delete();
            Assert.Null(ShapeState.Read("tstate0"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("BLINDS_STATE_DIR", null);
        }
    }

    [Theory]
    [InlineData("qdisc noqueue 0: root refcnt 2", true)]
    [InlineData("qdisc fq_codel 0: root refcnt 2 limit 10240p flows 1024", true)]
    [InlineData("qdisc htb 1: root refcnt 3 r2q 10 default 0x10", false)]
    [InlineData("qdisc noqueue 0: root refcnt 2\nqdisc ingress ffff: parent ffff:fff1", false)]
    public void Only_the_kernels_default_root_is_replaced(string show, bool replaceable) => Assert.Equal(replaceable, ShapeSession.IsDefault(show));
}
