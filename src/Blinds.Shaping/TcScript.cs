using System.Globalization;

namespace Blinds.Shaping;

/// <summary>How device traffic is put before cover under the shaped class.</summary>
public enum Scheduler
{
    /// <summary>Paper 002 Fig. 8: a PRIO qdisc under the HTB class, device traffic in band 0, cover in band 1.</summary>
    Prio,

    /// <summary>
    /// For kernels without sch_prio: two HTB leaves under the shaped class with a token guaranteed rate each, the
    /// device leaf at priority 0 and cover at priority 1, so device packets take the whole rate whenever they wait.
    /// </summary>
    Htb,
}

/// <summary>
/// The commands that set up and tear down a <see cref="ShapePlan"/>, as argument vectors for tc (iproute2), ip and
/// iptables. Blinds drives the kernel through these programs: no .NET netlink library for traffic control restores
/// from NuGet here, and tc is what an administrator would read and run by hand (`blinds shape plan` prints them).
/// </summary>
public static class TcScript
{
    /// <summary>What HTB uses for the unshaped class when only chosen devices are shaped.</summary>
    public const string LineRate = "10gbit";

    /// <summary>The commands that apply <paramref name="plan"/>, in order.</summary>
    public static IReadOnlyList<string[]> Up(ShapePlan plan, Scheduler scheduler = Scheduler.Prio)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var d = plan.Device;
        var bucket = Bucket(plan);
        var cover = plan.CoverTo + "/32";
        var chosen = plan.Devices is { Count: > 0 };
        var commands = new List<string[]>
        {
            // Unclassified traffic goes to the shaped class, or, when only chosen devices are shaped, to an unshaped one.
            Tc("qdisc", "add", "dev", d, "root", "handle", "1:", "htb", "default", chosen ? "30" : "10"),
            Tc(["class", "add", "dev", d, "parent", "1:", "classid", "1:1", .. HtbRate(plan.BytesPerSecond, bucket)]),
        };
        if (scheduler == Scheduler.Prio)
        {
            commands.Add(Tc(["class", "add", "dev", d, "parent", "1:1", "classid", "1:10", .. HtbRate(plan.BytesPerSecond, bucket)]));
            commands.Add(Tc("qdisc", "add", "dev", d, "parent", "1:10", "handle", "10:", "prio", "bands", "2", "priomap", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"));
            commands.Add(Tc("qdisc", "add", "dev", d, "parent", "10:1", "handle", "11:", "pfifo", "limit", Num(plan.DeviceQueuePackets)));
            commands.Add(Tc("qdisc", "add", "dev", d, "parent", "10:2", "handle", "12:", "pfifo", "limit", Num(plan.CoverQueuePackets)));
            commands.Add(Tc("filter", "add", "dev", d, "parent", "10:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", cover, "match", "ip", "protocol", "17", "0xff", "flowid", "10:2"));
        }
        else
        {
            commands.Add(Tc(["class", "add", "dev", d, "parent", "1:1", "classid", "1:10", .. HtbLeaf(plan.BytesPerSecond, bucket, 0)]));
            commands.Add(Tc(["class", "add", "dev", d, "parent", "1:1", "classid", "1:20", .. HtbLeaf(plan.BytesPerSecond, bucket, 1)]));
            commands.Add(Tc("qdisc", "add", "dev", d, "parent", "1:10", "handle", "11:", "pfifo", "limit", Num(plan.DeviceQueuePackets)));
            commands.Add(Tc("qdisc", "add", "dev", d, "parent", "1:20", "handle", "12:", "pfifo", "limit", Num(plan.CoverQueuePackets)));
            commands.Add(Tc("filter", "add", "dev", d, "parent", "1:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", cover, "match", "ip", "protocol", "17", "0xff", "flowid", "1:20"));
        }

        if (chosen)
        {
            commands.Add(Tc("class", "add", "dev", d, "parent", "1:", "classid", "1:30", "htb", "rate", LineRate));
            commands.Add(Tc("filter", "add", "dev", d, "parent", "1:", "protocol", "all", "prio", "2", "handle", Hex(ShapePlan.Mark), "fw", "flowid", "1:10"));
            if (scheduler == Scheduler.Prio)
            {
                commands.Add(Tc("filter", "add", "dev", d, "parent", "1:", "protocol", "ip", "prio", "3", "u32", "match", "ip", "dst", cover, "flowid", "1:10"));
            }

            foreach (var mac in plan.Devices!)
            {
                commands.Add(["iptables", "-t", "mangle", "-A", "PREROUTING", "-i", plan.LanDevice!, "-m", "mac", "--mac-source", mac.ToString(), "-j", "MARK", "--set-mark", Hex(ShapePlan.Mark)]);
            }
        }

        if (plan.DropCoverTo is { } drop)
        {
            // The endpoint drops the home's cover by routing: a blackhole route needs no tc action module.
            commands.Add(["ip", "route", "add", "blackhole", drop + "/32"]);
        }

        return commands;
    }

    /// <summary>The commands that undo <see cref="Up"/>: deleting the root (and ingress) qdisc returns the kernel's default, filters and all.</summary>
    public static IReadOnlyList<string[]> Down(ShapePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var commands = new List<string[]>();
        foreach (var mac in plan.Devices ?? [])
        {
            commands.Add(["iptables", "-t", "mangle", "-D", "PREROUTING", "-i", plan.LanDevice!, "-m", "mac", "--mac-source", mac.ToString(), "-j", "MARK", "--set-mark", Hex(ShapePlan.Mark)]);
        }

        if (plan.DropCoverTo is { } drop)
        {
            commands.Add(["ip", "route", "del", "blackhole", drop + "/32"]);
        }

        commands.Add(Tc("qdisc", "del", "dev", plan.Device, "root"));
        return commands;
    }

    /// <summary>
    /// Sets the shaped rate in place (VIT, schedules): the parent class, then its leaves' ceilings. Traffic never
    /// leaves the HTB meanwhile, so nothing passes unshaped while the rate changes.
    /// </summary>
    public static IReadOnlyList<string[]> ChangeRate(ShapePlan plan, double bytesPerSecond, Scheduler scheduler = Scheduler.Prio)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var b = Bucket(plan);
        var d = plan.Device;
        return scheduler == Scheduler.Prio
            ?
            [
                Tc(["class", "change", "dev", d, "parent", "1:", "classid", "1:1", .. HtbRate(bytesPerSecond, b)]),
                Tc(["class", "change", "dev", d, "parent", "1:1", "classid", "1:10", .. HtbRate(bytesPerSecond, b)]),
            ]
            :
            [
                Tc(["class", "change", "dev", d, "parent", "1:", "classid", "1:1", .. HtbRate(bytesPerSecond, b)]),
                Tc(["class", "change", "dev", d, "parent", "1:1", "classid", "1:10", .. HtbLeaf(bytesPerSecond, b, 0)]),
                Tc(["class", "change", "dev", d, "parent", "1:1", "classid", "1:20", .. HtbLeaf(bytesPerSecond, b, 1)]),
            ];
    }

    /// <summary>The one-packet bucket: the interface's MTU plus its link header.</summary>
    public static int Bucket(ShapePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Mtu + 14;
    }

    /// <summary>A command as a shell would show it.</summary>
    public static string Render(string[] argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        return string.Join(' ', argv.Select(a => a.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or ';' or '&' or '|') ? "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : a));
    }

    // tc's "bps" is bytes per second; burst, cburst and quantum of one packet make the token bucket hold one.
    private static string[] HtbRate(double bytesPerSecond, int bucket)
    {
        var rate = Num((long)Math.Max(1, Math.Round(bytesPerSecond))) + "bps";
        return ["htb", "rate", rate, "ceil", rate, "burst", Num(bucket), "cburst", Num(bucket), "quantum", Num(bucket)];
    }

    // A leaf guaranteed one byte a second and allowed the whole rate: which leaf borrows first is its priority.
    private static string[] HtbLeaf(double bytesPerSecond, int bucket, int priority)
    {
        var ceil = Num((long)Math.Max(1, Math.Round(bytesPerSecond))) + "bps";
        return ["htb", "rate", "1bps", "ceil", ceil, "burst", Num(bucket), "cburst", Num(bucket), "prio", Num(priority), "quantum", Num(bucket)];
    }

    private static string[] Tc(params string[] args) => ["tc", .. args];

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Hex(int v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
