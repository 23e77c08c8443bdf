using System.Diagnostics;
using System.Text.Json;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Lab;
using Blinds.Protocols;
using Blinds.Testing;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Shaping.Tests;

/// <summary>
/// The live shaper end to end (issue 6): namespaces home — gateway — observer; the home replays a lab capture's
/// timing and sizes, the gateway shapes its uplink, the observer captures with tcpdump, and Blinds' own attacks run on
/// the observer's capture. Runs as root (as .ci/run does); skipped elsewhere with the reason.
/// </summary>
// Both live tests change the machine's links and routes and compare them with a snapshot: never at the same time.
[Collection("netns")]
public sealed class LiveShaperTests(ITestOutputHelper output) : IDisposable
{
    private const double Rate = 50_000;
    private readonly TempDir dir = new();

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "blinds.dll");

    [SkippableFact]
    public void Shaping_hides_the_bursts_holds_the_rate_and_comes_down_cleanly()
    {
        using var net = Prepare(out var env, out var before);

        // Unshaped: the observer sees the bursts.
        var control = Observe(net, "control");
        var controlEvents = Events(control);
        output.WriteLine($"unshaped: {controlEvents} bursts detected");
        Assert.True(controlEvents >= 1);

        // Shaped at a constant rate.
        using var up = Netns.Start(net.Gateway, ["dotnet", Dll, "shape", "up", "--dev", net.Uplink, "--rate", "50KB/s"], env);
        using var stop = new StopOnExit(up);
        WaitForState(net, env);
        var twice = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", net.Gateway, "env", $"BLINDS_STATE_DIR={env["BLINDS_STATE_DIR"]}", "dotnet", Dll, "shape", "up", "--dev", net.Uplink, "--rate", "50KB/s");
        Assert.Equal(2, twice.Code);
        Assert.Contains("is already shaped by pid", twice.Stderr, StringComparison.Ordinal);
        var shaped = Observe(net, "constant");
        var status = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", net.Gateway, "env", $"BLINDS_STATE_DIR={env["BLINDS_STATE_DIR"]}", "dotnet", Dll, "shape", "status", "--dev", net.Uplink, "--json");
        output.WriteLine("status: " + status.Stdout.Trim());
        Assert.Equal(0, status.Code);
        var down = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", net.Gateway, "env", $"BLINDS_STATE_DIR={env["BLINDS_STATE_DIR"]}", "dotnet", Dll, "shape", "down", "--dev", net.Uplink);
        output.WriteLine("down: " + down.Stdout.Trim() + down.Stderr.Trim());
        Assert.Equal(0, down.Code);
        Assert.True(up.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(before, Netns.Run("ip", "netns", "exec", net.Gateway, "tc", "qdisc", "show", "dev", net.Uplink));

        Assert.Equal(0, Events(shaped));
        var (rate, perSecondMin, perSecondMax, jitterMean, jitterP99, drops) = Timing(shaped, net.UplinkMac);
        output.WriteLine($"shaped at {Rate / 1e3} KB/s: observed {rate / 1e3:F2} KB/s, per second {perSecondMin / 1e3:F1}..{perSecondMax / 1e3:F1} KB/s; send-time jitter against the token bucket's schedule mean {jitterMean * 1e3:F2} ms, p99 {jitterP99 * 1e3:F2} ms");
        Assert.InRange(rate, Rate * 0.95, Rate * 1.05);
        Assert.InRange(perSecondMin, Rate * 0.85, Rate);
        Assert.InRange(perSecondMax, Rate, Rate * 1.15);
        _ = drops;
    }

    [SkippableFact]
    public void Vit_changes_of_rate_let_nothing_through_unshaped_and_down_recovers_after_a_crash()
    {
        using var net = Prepare(out var env, out var before);
        using var up = Netns.Start(net.Gateway, ["dotnet", Dll, "shape", "up", "--dev", net.Uplink, "--rate", "50KB/s", "--mode", "vit", "--spread", "0.5", "--period", "2s"], env);
        using var stop = new StopOnExit(up);
        WaitForState(net, env);
        var vit = Observe(net, "vit");

        // A crash: the shaper dies without cleaning up; down must still restore the interface from the state file.
        Netns.Run("kill", "-KILL", up.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        up.WaitForExit(TimeSpan.FromSeconds(10));
        var status = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", net.Gateway, "env", $"BLINDS_STATE_DIR={env["BLINDS_STATE_DIR"]}", "dotnet", Dll, "shape", "status", "--dev", net.Uplink, "--interval", "200ms");
        output.WriteLine("status after a crash: " + status.Stdout.Trim());
        Assert.Equal(5, status.Code); // the rules remain without their process: degraded, not fine
        Assert.Contains("degraded", status.Stdout, StringComparison.Ordinal);
        var down = Netns.Run(TimeSpan.FromMinutes(1), "ip", "netns", "exec", net.Gateway, "env", $"BLINDS_STATE_DIR={env["BLINDS_STATE_DIR"]}", "dotnet", Dll, "shape", "down", "--dev", net.Uplink);
        output.WriteLine("down after a crash: " + down.Stdout.Trim() + down.Stderr.Trim());
        Assert.Equal(0, down.Code);
        Assert.Equal(before, Netns.Run("ip", "netns", "exec", net.Gateway, "tc", "qdisc", "show", "dev", net.Uplink));

        Assert.Equal(0, Events(vit));
        var (rate, perSecondMin, perSecondMax, _, _, _) = Timing(vit, net.UplinkMac);
        output.WriteLine($"vit around {Rate / 1e3} KB/s (±50%): observed {rate / 1e3:F2} KB/s, per second {perSecondMin / 1e3:F1}..{perSecondMax / 1e3:F1} KB/s");
        Assert.InRange(perSecondMax, Rate * 0.5, Rate * 1.5 * 1.1);
        Assert.InRange(perSecondMin, Rate * 0.5 * 0.85, Rate * 1.5);
        Assert.InRange(rate, Rate * 0.8, Rate * 1.2);
    }

    // Skips without root and network namespaces; else writes the lab capture, makes the namespaces and notes the
    // uplink's qdiscs before anything is shaped.
    private Netns Prepare(out Dictionary<string, string> env, out string before)
    {
        var why = Netns.Unavailable();
        Skip.If(why is not null, why);
        LabOutput.Write(Presets.PaperLab(1), dir.File("lab.pcapng"));
        Netns net;
        try
        {
            net = new Netns();
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("ip netns add", StringComparison.Ordinal))
        {
            // Root in a container without CAP_SYS_ADMIN: no namespaces to test in (said, not hidden).
            throw new SkipException("cannot make network namespaces here: " + e.Message);
        }

        env = new Dictionary<string, string> { ["BLINDS_STATE_DIR"] = dir.File("state") };
        before = Netns.Run("ip", "netns", "exec", net.Gateway, "tc", "qdisc", "show", "dev", net.Uplink);
        return net;
    }

    // Replays eight minutes of the paper lab's upstream (four camera clips, toggles, a question) eight times faster
    // while the observer captures; returns the capture.
    private string Observe(Netns net, string name)
    {
        var capture = dir.File(name + ".pcap");
        var tcpdump = Netns.Start(net.Observer, ["tcpdump", "-i", net.ObserverInterface, "-n", "-U", "-w", capture]);
        Thread.Sleep(1500);
        var replay = Netns.Run(TimeSpan.FromMinutes(3), "ip", "netns", "exec", net.Home, "dotnet", Dll, "lab", "replay", dir.File("lab.pcapng"), "--to", "203.0.113.10:9000", "--from", "6m", "--duration", "8m", "--speed", "8");
        output.WriteLine($"{name}: {replay.Stdout.Trim()}");
        Assert.Equal(0, replay.Code);
        Thread.Sleep(1500);
        Netns.Run("kill", "-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tcpdump.WaitForExit(TimeSpan.FromSeconds(10));
        return capture;
    }

    private void WaitForState(Netns net, Dictionary<string, string> env)
    {
        var file = Path.Combine(env["BLINDS_STATE_DIR"], $"shape-{net.Uplink}.json");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(file) && DateTime.UtcNow < until)
        {
            Thread.Sleep(100);
        }

        Assert.True(File.Exists(file), "shape up did not start");
        Thread.Sleep(1500); // the rules go in right after the state is written
    }

    private int Events(string capture)
    {
        var r = CliRunner.Run(dir.Path, "activity", capture, "--home-address", "198.51.100.1", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("activity").GetString() != "startup");
    }

    // What left the gateway: its mean rate over whole seconds (edges cut), the lowest and highest second, and how far
    // each frame's send time is from where a byte-exact token bucket at the mean rate would put it.
    private static (double Rate, double Min, double Max, double JitterMean, double JitterP99, int Drops) Timing(string capture, string gatewayMac)
    {
        var frames = new List<(long T, int Bytes)>();
        var log = new AnomalyLog();
        using (var reader = CaptureReader.Open(capture, log))
        {
            var info = default(PacketInfo);
            while (reader.TryRead(out var record))
            {
                if (PacketDecoder.Decode(record.LinkType, record.Data, ref info, log) && info.SourceMac.ToString() == gatewayMac && info.IpVersion == 4)
                {
                    frames.Add((record.TimestampNs, record.OriginalLength));
                }
            }
        }

        var first = frames[0].T + 2_000_000_000L;
        var last = frames[^1].T - 2_000_000_000L;
        var seconds = (int)((last - first) / 1_000_000_000L);
        var bins = new double[seconds];
        foreach (var (t, b) in frames.Where(f => f.T >= first && f.T < first + (seconds * 1_000_000_000L)))
        {
            bins[(t - first) / 1_000_000_000L] += b;
        }

        var rate = bins.Average();
        var window = frames.Where(f => f.T >= first && f.T < last).ToArray();
        var deviations = new List<double>();
        for (var i = 1; i < window.Length; i++)
        {
            var expected = window[i].Bytes / rate;
            deviations.Add(Math.Abs(((window[i].T - window[i - 1].T) / 1e9) - expected));
        }

        deviations.Sort();
        return (rate, bins.Min(), bins.Max(), deviations.Average(), deviations[(int)(deviations.Count * 0.99)], 0);
    }

    public void Dispose() => dir.Dispose();

    // A shaper a failed assertion left running would go on sending cover: whatever happens, it is stopped.
    private sealed class StopOnExit(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }
}
