using System.Globalization;
using System.Net;

namespace Blinds.Shaping.Cells;

/// <summary>
/// What `blinds shape up --mode cells` (gateway) or `shape endpoint --mode cells` changes besides the TUN device it
/// holds open: the route that sends the chosen traffic into the TUN device, and, failing closed, a blackhole behind it
/// so that nothing leaves unpadded while the shaper is down. The commands are ip (iproute2) argument vectors, printed by
/// `plan` and undone by `down`.
/// </summary>
public sealed record CellPlan
{
    /// <summary>The routing table the chosen traffic is looked up in (0xb1, as the rate-only shaper's mark).</summary>
    public const int Table = 177;

    /// <summary>The priority of Blinds' routing rule, fixed so that it is removed exactly.</summary>
    public const int RulePriority = 1770;

    /// <summary>The metric of the fail-closed blackhole: above every route through the TUN device.</summary>
    public const int BlackholeMetric = 4096;

    /// <summary>The end of the path and its sending side.</summary>
    public required CellOptions Options { get; init; }

    /// <summary>Gateway: the home addresses whose traffic goes through the cells (e.g. 192.0.2.0/24). Endpoint: the home addresses routed back into the TUN device.</summary>
    public required string Route { get; init; }

    /// <summary>True: when the shaper is down or crashed, the chosen traffic is dropped rather than sent unpadded.</summary>
    public bool FailClosed { get; init; } = true;

    /// <summary>The commands that apply the plan, after the TUN device exists.</summary>
    public IReadOnlyList<string[]> Up()
    {
        var tun = Options.Tun;
        var mtu = Options.TunMtu.ToString(CultureInfo.InvariantCulture);
        List<string[]> list =
        [
            // IPv6 would give the device link-local chatter of its own (router solicitations) to carry: it only carries what is routed in.
            ["sysctl", "-qw", $"net.ipv6.conf.{tun}.disable_ipv6=1"],
            ["ip", "link", "set", "dev", tun, "mtu", mtu, "up"],
        ];
        if (Options.Role == CellRole.Gateway)
        {
            list.Add(["ip", "route", "add", "default", "dev", tun, "table", T(Table)]);
            if (FailClosed)
            {
                list.Add(["ip", "route", "add", "blackhole", "default", "metric", T(BlackholeMetric), "table", T(Table)]);
            }

            list.Add(["ip", "rule", "add", "from", Route, "lookup", T(Table), "priority", T(RulePriority)]);
        }
        else
        {
            list.Add(["ip", "route", "add", Route, "dev", tun]);
            if (FailClosed)
            {
                list.Add(["ip", "route", "add", "blackhole", Route, "metric", T(BlackholeMetric)]);
            }
        }

        return list;
    }

    /// <summary>The commands that undo <see cref="Up"/> (each may find its change already gone: a crash takes the TUN device's routes with it).</summary>
    public IReadOnlyList<string[]> Down()
    {
        var tun = Options.Tun;
        return Options.Role == CellRole.Gateway
            ?
            [
                ["ip", "rule", "del", "priority", T(RulePriority)],
                ["ip", "route", "flush", "table", T(Table)],
                ["ip", "link", "del", "dev", tun],
            ]
            :
            [
                ["ip", "route", "del", "blackhole", Route, "metric", T(BlackholeMetric)],
                ["ip", "route", "del", Route, "dev", tun],
                ["ip", "link", "del", "dev", tun],
            ];
    }

    /// <summary>The commands whose output must be the same after `down` as before `up`.</summary>
    public static IReadOnlyList<string[]> Snapshot() =>
    [
        ["ip", "rule", "show"],
        ["ip", "route", "show", "table", "main"],
        ["ip", "route", "show", "table", T(Table)],
        ["ip", "-brief", "link", "show"],
    ];

    /// <summary>How the cells travel, in words (for `plan`).</summary>
    public string Describe()
    {
        var f = new CellFormat(Options.CellBytes);
        var rate = Options.BytesPerSecond;
        var side = Options.Role == CellRole.Gateway ? "upload" : "download";
        var timing = rate <= 0
            ? "unshaped: each packet leaves at once as cells, no cover (measuring the data path only)"
            : Options.Spread > 0
                ? $"VIT: every {Options.Period.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s the rate is redrawn uniformly from {Defences.Specs.Units.FormatRate(rate * (1 - Options.Spread))} to {Defences.Specs.Units.FormatRate(rate * (1 + Options.Spread))} (seed {Options.Seed.ToString(CultureInfo.InvariantCulture)})"
                : $"constant: one cell every {(f.CellBytes / rate * 1e3).ToString("0.###", CultureInfo.InvariantCulture)} ms";
        var peer = Options.Peer is { } p ? $"to {p}" : "to the gateway's address, learnt from its first authentic cell";
        return $"{side} at {(rate > 0 ? Defences.Specs.Units.FormatRate(rate) : "line rate")} in {f.CellBytes}-byte cells (IP length; {f.PayloadBytes} bytes of packet each, the rest IP/UDP {CellFormat.IpUdpBytes}, counter {CellFormat.CounterBytes}, tag {CellFormat.TagBytes}, fragment header {CellFormat.HeaderBytes}), " +
            $"ChaCha20-Poly1305 with the pre-shared key, UDP from {Options.Listen} {peer}; {timing}; a cover cell whenever nothing waits; queue at most {Options.QueuePackets.ToString(CultureInfo.InvariantCulture)} packets / {Options.QueueBytes.ToString(CultureInfo.InvariantCulture)} bytes, beyond that packets are dropped and counted; " +
            (FailClosed ? "fails closed: while the shaper is down the chosen traffic is blackholed, never sent unpadded" : "fails open: while the shaper is down the chosen traffic takes the ordinary route, unpadded");
    }

    private static string T(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses ADDRESS:PORT.</summary>
    public static bool TryParseEndpoint(string text, out IPEndPoint endpoint) => IPEndPoint.TryParse(text, out endpoint!) && endpoint.Port > 0;
}
