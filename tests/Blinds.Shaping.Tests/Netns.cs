using System.Diagnostics;

namespace Blinds.Shaping.Tests;

/// <summary>
/// Three network namespaces joined by veth pairs, loopback-only, torn down on dispose:
/// home (10.10.1.2) — gateway (10.10.1.1 | 198.51.100.1, the shaped uplink) — observer (198.51.100.2, and
/// 203.0.113.10 standing in for the internet). Documentation addresses only; nothing leaves this machine.
/// </summary>
public sealed class Netns : IDisposable
{
    public Netns()
    {
        Prefix = "b" + Guid.NewGuid().ToString("N")[..5];
        Home = Prefix + "-home";
        Gateway = Prefix + "-gw";
        Observer = Prefix + "-obs";
        Uplink = Prefix + "g1";
        try
        {
            foreach (var n in new[] { Home, Gateway, Observer })
            {
                Run("ip", "netns", "add", n);
                Run("ip", "-n", n, "link", "set", "dev", "lo", "up");
            }

            Run("ip", "link", "add", "name", Prefix + "h0", "netns", Home, "type", "veth", "peer", "name", Prefix + "g0", "netns", Gateway);
            Run("ip", "link", "add", "name", Uplink, "netns", Gateway, "type", "veth", "peer", "name", Prefix + "o0", "netns", Observer);
            Run("ip", "-n", Home, "addr", "add", "10.10.1.2/24", "dev", Prefix + "h0");
            Run("ip", "-n", Gateway, "addr", "add", "10.10.1.1/24", "dev", Prefix + "g0");
            Run("ip", "-n", Gateway, "addr", "add", "198.51.100.1/24", "dev", Uplink);
            Run("ip", "-n", Observer, "addr", "add", "198.51.100.2/24", "dev", Prefix + "o0");
            Run("ip", "-n", Observer, "addr", "add", "203.0.113.10/32", "dev", "lo");
            foreach (var (ns, dev) in new[] { (Home, "h0"), (Gateway, "g0"), (Gateway, "g1"), (Observer, "o0") })
            {
                Run("ip", "-n", ns, "link", "set", "dev", Prefix + dev, "up");
            }

            Run("ip", "-n", Home, "route", "add", "default", "via", "10.10.1.1");
            Run("ip", "-n", Gateway, "route", "add", "default", "via", "198.51.100.2");
            Run("ip", "-n", Observer, "route", "add", "10.10.1.0/24", "via", "198.51.100.1");
            Run("ip", "netns", "exec", Gateway, "sysctl", "-qw", "net.ipv4.ip_forward=1");
            UplinkMac = Run("ip", "netns", "exec", Gateway, "cat", $"/sys/class/net/{Uplink}/address").Trim();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    public string Home { get; }

    public string Gateway { get; }

    public string Observer { get; }

    public string Uplink { get; }

    public string UplinkMac { get; }

    public string ObserverInterface => Prefix + "o0";

    /// <summary>True when this machine can make namespaces (root, iproute2, tc, tcpdump); else why not.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "needs root on Linux (network namespaces)";
        }

        foreach (var tool in new[] { "ip", "tc", "tcpdump" })
        {
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"needs {tool}";
            }
        }

        return null;
    }

    /// <summary>Runs a command that must succeed; its output.</summary>
    public static string Run(params string[] argv)
    {
        var (code, stdout, stderr) = Run(TimeSpan.FromMinutes(3), argv);
        return code == 0 ? stdout : throw new InvalidOperationException($"{string.Join(' ', argv)}: {stderr.Trim()}");
    }

    /// <summary>Runs a command whatever its exit code.</summary>
    public static (int Code, string Stdout, string Stderr) Run(TimeSpan timeout, params string[] argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(string.Join(' ', argv));
        }

        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Starts a long-running command (tcpdump, shape up) inside a namespace.</summary>
    public static Process Start(string ns, IEnumerable<string> argv, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", ns }.Concat(argv))
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var p = Process.Start(psi)!;
        _ = p.StandardOutput.ReadToEndAsync();
        return p;
    }

    public void Dispose()
    {
        foreach (var n in new[] { Home, Gateway, Observer })
        {
            Run(TimeSpan.FromSeconds(30), "ip", "netns", "del", n);
        }
    }
}
