using System.Diagnostics;
using System.Text.Json;

using Blinds.Lab;
using Blinds.Testing;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Shaping.Tests;

/// <summary>
/// The cell path's faults, in network namespaces (root only; skipped with the reason elsewhere): packets cross both
/// ways in fixed-size cells; kill -9 of the gateway leaves the blackhole (fail-closed) and `down` restores routes,
/// rules and links exactly; a restart cleans up after a crash; the endpoint going away only counts send errors; the
/// TUN device removed under the gateway ends it with exit 5 (README: the shaper degraded); a small queue drops and counts; fail-open leaves no
/// blackhole behind.
/// </summary>
// Both live tests change the machine's links and routes and compare them with a snapshot: never at the same time.
[Collection("netns")]
public sealed class CellPathTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "blinds.dll");
    private readonly TempDir dir = new();
    private readonly List<Process> started = [];

    [SkippableFact]
    public void Cells_cross_both_ways_and_every_fault_ends_with_the_machine_as_it_was()
    {
        using var net = Prepare();
        var key = dir.File("key");
        File.WriteAllBytes(key, Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var before = Snapshot(net.Gateway);

        var ep = Start(net.Endpoint, "ep", "shape", "endpoint", "--mode", "cells", "--dev", "blinds0", "--listen", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--down-rate", "50KB/s", "--key-file", key);
        var gw = Start(net.Gateway, "gw", "shape", "up", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--route", "192.0.2.0/24", "--up-rate", "50KB/s", "--key-file", key);
        WaitForStats("gw");
        WaitForStats("ep");

        // Upload: a lab burst through the cells; it arrives whole at the endpoint (reassembled from 512-byte cells).
        LabOutput.Write(Presets.PaperLab(1), dir.File("lab.pcapng"));
        var replay = CellNet.In(net.Home, "dotnet", Dll, "lab", "replay", dir.File("lab.pcapng"), "--to", "203.0.113.10:9000", "--from", "8m", "--duration", "20s", "--speed", "4");
        Assert.Equal(0, replay.Code);
        var until = DateTime.UtcNow.AddSeconds(90);
        while (Stats("gw").GetProperty("queued").GetInt32() > 0 && DateTime.UtcNow < until)
        {
            Thread.Sleep(500);
        }

        Thread.Sleep(2500); // the last cells cross and both ends write their counters again
        var g = Stats("gw");
        var e = Stats("ep");
        output.WriteLine($"gateway: {g}\nendpoint: {e}");
        Assert.True(g.GetProperty("packets_in").GetInt64() > 0);
        Assert.Equal(g.GetProperty("packets_in").GetInt64(), e.GetProperty("packets_out").GetInt64());
        Assert.True(g.GetProperty("cover_cells").GetInt64() > 0);

        // Download: the server's ICMP "port unreachable" answers come back through the endpoint's cells.
        Assert.True(e.GetProperty("packets_in").GetInt64() > 0);
        Assert.Equal(e.GetProperty("packets_in").GetInt64(), g.GetProperty("packets_out").GetInt64());
        Assert.True(e.GetProperty("cover_cells").GetInt64() > 0);

        // The endpoint killed: the gateway keeps its schedule (an unconnected UDP socket hears no ICMP errors, and
        // the timing must not change anyway) while nothing comes back.
        Kill(ep);
        Thread.Sleep(1500);
        var sentBefore = Stats("gw").GetProperty("cover_cells").GetInt64();
        var inBefore = Stats("gw").GetProperty("cells_in").GetInt64();
        Thread.Sleep(3000);
        Assert.False(gw.HasExited);
        Assert.True(Stats("gw").GetProperty("cover_cells").GetInt64() > sentBefore + 100, "the gateway stopped sending when the endpoint went");
        Assert.Equal(inBefore, Stats("gw").GetProperty("cells_in").GetInt64());
        Down(net.Endpoint, "ep", expectRestored: true);

        // kill -9 of the gateway: fail-closed keeps the blackhole, so the home's traffic is dropped, never sent plainly.
        Kill(gw);
        var table = CellNet.In(net.Gateway, "ip", "route", "show", "table", "177").Stdout;
        output.WriteLine("table 177 after kill -9: " + table.Trim());
        Assert.Contains("blackhole default", table, StringComparison.Ordinal);
        Assert.Contains("lookup 177", CellNet.In(net.Gateway, "ip", "rule", "show").Stdout, StringComparison.Ordinal);

        // A restart cleans up after the crash by itself and comes up again.
        gw = Start(net.Gateway, "gw", "shape", "up", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--route", "192.0.2.0/24", "--up-rate", "50KB/s", "--key-file", key);
        WaitForStats("gw", fresh: true);
        Assert.False(gw.HasExited);

        // The TUN device removed under it: the gateway ends with exit 5 and, failing closed, keeps the blackhole.
        CellNet.In(net.Gateway, "ip", "link", "del", "blinds0");
        Assert.True(gw.WaitForExit(TimeSpan.FromSeconds(20)), "the gateway did not notice its TUN device going");
        Assert.Equal(5, gw.ExitCode);
        Assert.Contains("blackhole default", CellNet.In(net.Gateway, "ip", "route", "show", "table", "177").Stdout, StringComparison.Ordinal);
        Down(net.Gateway, "gw", expectRestored: true);
        Assert.Equal(before, Snapshot(net.Gateway));

        // A queue of 5 packets at 1 KB/s: a burst overflows it, and the drops are counted.
        gw = Start(net.Gateway, "gw", "shape", "up", "--mode", "cells", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--route", "192.0.2.0/24", "--up-rate", "1KB/s", "--queue", "5", "--fail", "open", "--key-file", key);
        WaitForStats("gw", fresh: true);
        CellNet.In(net.Home, "dotnet", Dll, "lab", "replay", dir.File("lab.pcapng"), "--to", "203.0.113.10:9000", "--from", "8m", "--duration", "20s", "--speed", "4");
        Thread.Sleep(1500);
        var drops = Stats("gw").GetProperty("queue_drops").GetInt64();
        output.WriteLine($"queue of 5 at 1 KB/s: {drops} packets dropped");
        Assert.True(drops > 0);

        // Fail-open: after kill -9 nothing is left in the way (no blackhole), and down restores exactly.
        Kill(gw);
        Assert.DoesNotContain("blackhole", CellNet.In(net.Gateway, "ip", "route", "show", "table", "177").Stdout, StringComparison.Ordinal);
        Down(net.Gateway, "gw", expectRestored: true);
        Assert.Equal(before, Snapshot(net.Gateway));
    }

    [SkippableFact]
    public void Only_the_plans_devices_go_through_the_cells_and_down_removes_their_marks()
    {
        using var net = Prepare();
        var key = dir.File("key");
        File.WriteAllBytes(key, Enumerable.Range(0, 32).Select(i => (byte)(i * 5)).ToArray());
        var home = CellNet.In(net.Home, "cat", $"/sys/class/net/{net.Prefix}h0/address").Stdout.Trim(); // ip netns exec mounts the namespace's own sysfs
        LabOutput.Write(Presets.PaperLab(1), dir.File("lab.pcapng"));
        string Tables() => CellNet.In(net.Gateway, "nft", "list", "tables").Stdout;
        var before = Snapshot(net.Gateway) + Tables();

        Start(net.Endpoint, "ep", "shape", "endpoint", "--mode", "cells", "--plan", "tunnel+constant:rate=50KB/s", "--dev", "blinds0", "--listen", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--key-file", key);
        WaitForStats("ep");
        foreach (var (mac, through) in new[] { (home, true), ("02:00:00:00:00:01", false) })
        {
            // The home's MAC chosen: its packets go through the cells; another device chosen: they take the ordinary route.
            var gw = Start(net.Gateway, "gw", "shape", "up", "--mode", "cells", "--plan", $"tunnel+constant:rate=50KB/s,devices={mac}", "--lan-dev", net.Prefix + "g0", "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--key-file", key);
            WaitForStats("gw", fresh: true);
            Assert.Contains("blinds_cells", Tables(), StringComparison.Ordinal);
            var replay = CellNet.In(net.Home, "dotnet", Dll, "lab", "replay", dir.File("lab.pcapng"), "--to", "203.0.113.10:9000", "--from", "8m", "--duration", "8s", "--speed", "4");
            Assert.Equal(0, replay.Code);
            Thread.Sleep(3000);
            var packets = Stats("gw").GetProperty("packets_in").GetInt64();
            output.WriteLine($"devices={mac}: {packets} packets into the cells");
            Assert.Equal(through, packets > 0);
            Assert.False(gw.HasExited);
            Down(net.Gateway, "gw", expectRestored: true);
            Assert.DoesNotContain("blinds_cells", Tables(), StringComparison.Ordinal);
        }

        Down(net.Endpoint, "ep", expectRestored: true);
        Assert.Equal(before, Snapshot(net.Gateway) + Tables());
    }

    [SkippableFact]
    public void Decoy_bursts_cross_the_observers_link_while_the_home_is_idle()
    {
        using var net = Prepare();
        var key = dir.File("key");
        File.WriteAllBytes(key, Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray());
        var before = Snapshot(net.Gateway);

        // A capture of the home whose first activity (at 2 min plus up to 20 s) falls 40 s to 60 s from now as a time
        // of day: decoys copy real activity periods at their times of day, so the first ones come then.
        var start = DateTimeOffset.UtcNow.AddSeconds(40) - TimeSpan.FromMinutes(2);
        LabOutput.Write(Presets.PaperLab(1) with { Start = start.AddDays(-7) }, dir.File("home.pcapng"));
        const string Plan = "tunnel+decoy:per-day=40,jitter=5s";
        Start(net.Endpoint, "ep", "shape", "endpoint", "--plan", Plan, "--dev", "blinds0", "--listen", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--key-file", key);
        WaitForStats("ep");
        var capture = dir.File("observer.pcap");
        var tcpdump = Netns.Start(net.Observer, ["tcpdump", "-i", net.Prefix + "o0", "-n", "-U", "-w", capture, "udp", "port", "51821"]);
        started.Add(tcpdump);
        var gw = Start(net.Gateway, "gw", "shape", "up", "--plan", Plan, "--decoys-from", dir.File("home.pcapng"), "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--route", "192.0.2.0/24", "--key-file", key);
        WaitForStats("gw");
        Thread.Sleep(1500);
        var next = Stats("gw").GetProperty("next_decoy").GetDateTimeOffset();
        output.WriteLine($"first decoy at {next:O} (now {DateTimeOffset.UtcNow:O})");
        Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2));
        var until = DateTime.UtcNow.AddSeconds(150);
        while (Stats("gw").GetProperty("decoy_bursts").GetInt64() < 3 && DateTime.UtcNow < until)
        {
            Thread.Sleep(1000);
        }

        Thread.Sleep(20_000); // the bursts run their course (5 to 15 s each) and the counters are written again
        Netns.Run("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tcpdump.WaitForExit(TimeSpan.FromSeconds(10));
        var g = Stats("gw");
        var e = Stats("ep");
        output.WriteLine($"gateway: {g}\nendpoint: {e}");

        // The home sent nothing; what crossed the observer's link was decoys alone, both ways, at their times.
        Assert.Equal(0, g.GetProperty("packets_in").GetInt64());
        Assert.True(g.GetProperty("decoy_bursts").GetInt64() >= 3);
        var seen = CellNet.In(net.Observer, "tcpdump", "-r", capture, "-n", "-tt", "-q").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (Time: double.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), Up: l.Contains("198.51.100.1.51821 > 203.0.113.2.51821", StringComparison.Ordinal), Length: l.Split(' ')[^1]))
            .ToArray();
        var up = seen.Count(x => x.Up);
        var down = seen.Length - up;
        var first = DateTimeOffset.FromUnixTimeMilliseconds((long)(seen.Min(x => x.Time) * 1000));
        output.WriteLine($"observer: {up} cells up, {down} down, lengths {string.Join(",", seen.Select(x => x.Length).Distinct())}; first at {first:O}");
        Assert.Equal(g.GetProperty("decoy_cells").GetInt64(), up);
        Assert.True(down > 0 && e.GetProperty("decoy_cells").GetInt64() == down, "the endpoint sent no download decoys");
        Assert.Equal(e.GetProperty("decoy_cells_in").GetInt64(), up);
        // Nothing before the first decoy (the home is idle, and unpadded there is no cover); its first cells within it
        // (a copied period may open with quiet seconds; the lab's last 5 to 15 s).
        Assert.InRange(first, next.AddSeconds(-1), next.AddSeconds(16));
        Assert.False(gw.HasExited);
        Down(net.Gateway, "gw", expectRestored: true);
        Down(net.Endpoint, "ep", expectRestored: true);
        Assert.Equal(before, Snapshot(net.Gateway));
    }

    [SkippableFact]
    public void Decoys_inside_padding_take_cover_slots_and_the_observer_still_sees_one_size_at_one_rate()
    {
        using var net = Prepare();
        var key = dir.File("key");
        File.WriteAllBytes(key, Enumerable.Range(0, 32).Select(i => (byte)(i * 11)).ToArray());
        var start = DateTimeOffset.UtcNow.AddSeconds(40) - TimeSpan.FromMinutes(2);
        LabOutput.Write(Presets.PaperLab(1) with { Start = start.AddDays(-7) }, dir.File("home.pcapng"));
        const string Plan = "tunnel+constant:rate=50KB/s+decoy:per-day=40,jitter=5s";
        Start(net.Endpoint, "ep", "shape", "endpoint", "--plan", Plan, "--dev", "blinds0", "--listen", "203.0.113.2:51821", "--route", "192.0.2.0/24", "--key-file", key);
        WaitForStats("ep");
        var gw = Start(net.Gateway, "gw", "shape", "up", "--plan", Plan, "--decoys-from", dir.File("home.pcapng"), "--dev", "blinds0", "--peer", "203.0.113.2:51821", "--listen", "198.51.100.1:51821", "--route", "192.0.2.0/24", "--key-file", key);
        WaitForStats("gw");
        var capture = dir.File("observer.pcap");
        var tcpdump = Netns.Start(net.Observer, ["tcpdump", "-i", net.Prefix + "o0", "-n", "-U", "-w", capture, "udp", "port", "51821"]);
        started.Add(tcpdump);
        var until = DateTime.UtcNow.AddSeconds(150);
        while (Stats("gw").GetProperty("decoy_bursts").GetInt64() < 3 && DateTime.UtcNow < until)
        {
            Thread.Sleep(1000);
        }

        Thread.Sleep(20_000);
        Netns.Run("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tcpdump.WaitForExit(TimeSpan.FromSeconds(10));
        var g = Stats("gw");
        var e = Stats("ep");
        output.WriteLine($"gateway: {g}\nendpoint: {e}");

        // The decoys went out in slots that would have carried cover, both ways; the home sent nothing.
        Assert.Equal(0, g.GetProperty("packets_in").GetInt64());
        Assert.True(g.GetProperty("decoy_bursts").GetInt64() >= 3);
        Assert.True(g.GetProperty("decoy_cells").GetInt64() > 0 && g.GetProperty("cover_cells").GetInt64() > 0);
        Assert.True(e.GetProperty("decoy_cells").GetInt64() > 0, "the endpoint sent no download decoys");

        // What the observer saw: one size, and each whole second about as many cells up as the schedule sends.
        var up = CellNet.In(net.Observer, "tcpdump", "-r", capture, "-n", "-tt", "-q", "src", "198.51.100.1").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => (Second: (long)double.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), Length: l.Split(' ')[^1]))
            .ToArray();
        var perSecond = up.GroupBy(x => x.Second).OrderBy(x => x.Key).Skip(1).SkipLast(1).Select(x => x.Count()).ToArray();
        output.WriteLine($"observer: {up.Length} cells up, lengths {string.Join(",", up.Select(x => x.Length).Distinct())}; per second {perSecond.Min()}–{perSecond.Max()}");
        Assert.Single(up.Select(x => x.Length).Distinct());
        Assert.InRange(perSecond.Min(), 80, 100);
        Assert.InRange(perSecond.Max(), 90, 110);
        Assert.False(gw.HasExited);
        Down(net.Gateway, "gw", expectRestored: true);
        Down(net.Endpoint, "ep", expectRestored: true);
    }

    private CellNet Prepare()
    {
        var why = Netns.Unavailable();
        Skip.If(why is not null, why);
        Skip.If(!File.Exists("/dev/net/tun"), "no /dev/net/tun");
        try
        {
            return new CellNet();
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("ip netns add", StringComparison.Ordinal))
        {
            throw new SkipException("cannot make network namespaces here: " + e.Message);
        }
    }

    private static string Snapshot(string ns) =>
        string.Join('\n', CellNet.In(ns, "ip", "rule", "show").Stdout, CellNet.In(ns, "ip", "route", "show", "table", "all").Stdout, CellNet.In(ns, "ip", "-brief", "link", "show").Stdout);

    private Process Start(string ns, string side, params string[] args)
    {
        var p = Netns.Start(ns, ["dotnet", Dll, .. args], new Dictionary<string, string> { ["BLINDS_STATE_DIR"] = dir.File(side) });
        started.Add(p);
        return p;
    }

    private void WaitForStats(string side, bool fresh = false)
    {
        var file = Path.Combine(dir.File(side), "cells-blinds0.json");
        var since = DateTime.UtcNow;
        var until = since.AddSeconds(60);
        while (!(File.Exists(file) && (!fresh || File.GetLastWriteTimeUtc(file) > since)) && DateTime.UtcNow < until)
        {
            Thread.Sleep(200);
        }

        Assert.True(File.Exists(file), $"{side}: the cell path did not come up");
    }

    private JsonElement Stats(string side)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File(side), "cells-blinds0.json")));
        return doc.RootElement.Clone();
    }

    private static void Kill(Process p)
    {
        Netns.Run("kill", "-KILL", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        p.WaitForExit(10_000);
    }

    private void Down(string ns, string side, bool expectRestored)
    {
        var r = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", ns, "env", $"BLINDS_STATE_DIR={dir.File(side)}", "dotnet", Dll, "shape", "down", "--dev", "blinds0");
        output.WriteLine($"down ({side}): {r.Stdout.Trim()} {r.Stderr.Trim()}");
        Assert.Equal(expectRestored ? 0 : 3, r.Code);
        Assert.Contains("restored exactly", r.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var p in started.Where(p => !p.HasExited))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }

        dir.Dispose();
    }
}
