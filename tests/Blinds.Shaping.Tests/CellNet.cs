namespace Blinds.Shaping.Tests;

/// <summary>
/// Four namespaces for the cell path, loopback-only, torn down on dispose: home 192.0.2.2 — gateway 192.0.2.1 |
/// 198.51.100.1 — observer 198.51.100.2 | 203.0.113.1 — endpoint 203.0.113.2 (and 203.0.113.10, the server).
/// Documentation addresses only; nothing leaves this machine.
/// </summary>
public sealed class CellNet : IDisposable
{
    public CellNet()
    {
        Prefix = "c" + Guid.NewGuid().ToString("N")[..5];
        try
        {
            foreach (var n in All)
            {
                Netns.Run("ip", "netns", "add", n);
                // IPv4 only: an IPv6 link-local route appears a moment after a link comes up, so a snapshot of the
                // routes taken before it would differ from one taken after for no fault of the shaper.
                Netns.Run("ip", "netns", "exec", n, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
                Netns.Run("ip", "-n", n, "link", "set", "dev", "lo", "up");
            }

            Netns.Run("ip", "link", "add", "name", Prefix + "h0", "netns", Home, "type", "veth", "peer", "name", Prefix + "g0", "netns", Gateway);
            Netns.Run("ip", "link", "add", "name", Prefix + "g1", "netns", Gateway, "type", "veth", "peer", "name", Prefix + "o0", "netns", Observer);
            Netns.Run("ip", "link", "add", "name", Prefix + "o1", "netns", Observer, "type", "veth", "peer", "name", Prefix + "e0", "netns", Endpoint);
            foreach (var (ns, dev, addr) in new[]
            {
                (Home, "h0", "192.0.2.2/24"), (Gateway, "g0", "192.0.2.1/24"), (Gateway, "g1", "198.51.100.1/24"),
                (Observer, "o0", "198.51.100.2/24"), (Observer, "o1", "203.0.113.1/24"), (Endpoint, "e0", "203.0.113.2/24"),
            })
            {
                Netns.Run("ip", "-n", ns, "addr", "add", addr, "dev", Prefix + dev);
                Netns.Run("ip", "-n", ns, "link", "set", "dev", Prefix + dev, "up");
            }

            Netns.Run("ip", "-n", Endpoint, "addr", "add", "203.0.113.10/32", "dev", "lo");
            Netns.Run("ip", "-n", Home, "route", "add", "default", "via", "192.0.2.1");
            Netns.Run("ip", "-n", Gateway, "route", "add", "default", "via", "198.51.100.2");
            Netns.Run("ip", "-n", Observer, "route", "add", "192.0.2.0/24", "via", "198.51.100.1");
            Netns.Run("ip", "-n", Endpoint, "route", "add", "default", "via", "203.0.113.1");
            foreach (var n in All)
            {
                Netns.Run("ip", "netns", "exec", n, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Prefix { get; }

    public string Home => Prefix + "-home";

    public string Gateway => Prefix + "-gw";

    public string Observer => Prefix + "-obs";

    public string Endpoint => Prefix + "-ep";

    private string[] All => [Home, Gateway, Observer, Endpoint];

    /// <summary>Runs a command inside <paramref name="ns"/>, whatever its exit code.</summary>
    public static (int Code, string Stdout, string Stderr) In(string ns, params string[] argv) =>
        Netns.Run(TimeSpan.FromMinutes(2), ["ip", "netns", "exec", ns, .. argv]);

    public void Dispose()
    {
        foreach (var n in All)
        {
            Netns.Run(TimeSpan.FromSeconds(30), "ip", "netns", "del", n);
        }
    }
}
