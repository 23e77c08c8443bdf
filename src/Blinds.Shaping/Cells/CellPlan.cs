using System.Globalization;
using System.Net;

using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;

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

    /// <summary>The nftables table that marks the chosen devices' packets (gateway, when the plan names devices).</summary>
    public const string MarkTable = "blinds_cells";

    /// <summary>The end of the path and its sending side.</summary>
    public required CellOptions Options { get; init; }

    /// <summary>
    /// Gateway: the home addresses whose traffic goes through the cells (e.g. 192.0.2.0/24); with <see cref="Devices"/>
    /// it narrows them, or is null for every address. Endpoint: the home addresses routed back into the TUN device.
    /// </summary>
    public string? Route { get; init; }

    /// <summary>Gateway: only these devices' packets go through the cells (marked by source MAC on <see cref="LanDevice"/>); null for all.</summary>
    public IReadOnlyList<MacAddress>? Devices { get; init; }

    /// <summary>The LAN interface the chosen devices' frames arrive on.</summary>
    public string? LanDevice { get; init; }

    /// <summary>The defence this end deploys (what `simulate` and the audit priced), canonical in `plan`'s output.</summary>
    public DefencePlan Defence { get; init; } = DefencePlan.None;

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

            if (Devices is { Count: > 0 } macs)
            {
                // Chosen devices by source MAC where their frames arrive: a mark, and the rule looks the mark up.
                list.Add(["nft", "add", "table", "inet", MarkTable]);
                list.Add(["nft", "add", "chain", "inet", MarkTable, "prerouting", "{ type filter hook prerouting priority mangle; policy accept; }"]);
                list.Add(["nft", "add", "rule", "inet", MarkTable, "prerouting", "iifname", LanDevice!, "ether", "saddr", "{ " + string.Join(", ", macs.Select(m => m.ToString()).Order(StringComparer.Ordinal)) + " }", "meta", "mark", "set", Mark]);
                list.Add(["ip", "rule", "add", .. Route is null ? Array.Empty<string>() : ["from", Route], "fwmark", Mark, "lookup", T(Table), "priority", T(RulePriority)]);
            }
            else
            {
                list.Add(["ip", "rule", "add", "from", Route!, "lookup", T(Table), "priority", T(RulePriority)]);
            }
        }
        else
        {
            list.Add(["ip", "route", "add", Route!, "dev", tun]);
            if (FailClosed)
            {
                list.Add(["ip", "route", "add", "blackhole", Route!, "metric", T(BlackholeMetric)]);
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
                .. Devices is { Count: > 0 } ? new[] { new[] { "nft", "delete", "table", "inet", MarkTable } } : [],
                ["ip", "link", "del", "dev", tun],
            ]
            :
            [
                ["ip", "route", "del", "blackhole", Route!, "metric", T(BlackholeMetric)],
                ["ip", "route", "del", Route!, "dev", tun],
                ["ip", "link", "del", "dev", tun],
            ];
    }

    /// <summary>The commands whose output must be the same after `down` as before `up`.</summary>
    public IReadOnlyList<string[]> Snapshot() =>
    [
        ["ip", "rule", "show"],
        ["ip", "route", "show", "table", "main"],
        ["ip", "route", "show", "table", T(Table)],
        ["ip", "-brief", "link", "show"],
        .. Devices is { Count: > 0 } ? new[] { new[] { "nft", "list", "tables" } } : [],
    ];

    /// <summary>
    /// The cell path that deploys <paramref name="plan"/> at <paramref name="site"/>: this end's direction at its own
    /// rate, one cell per simulated slot (<see cref="ShapeDeployment"/>), the plan's devices and queue.
    /// </summary>
    /// <exception cref="FormatException">A part the cell path cannot deploy, or the site lacks what the plan needs (one line).</exception>
    public static CellPlan From(DefencePlan plan, CellSite site)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(site);
        var shaper = ShapeDeployment.Check(plan, cells: true, unshaped: site.UnshapedCellBytes is not null);
        var gateway = site.Role == CellRole.Gateway;
        var peer = site.Peer;
        if (plan.Endpoint != DefencePlan.DefaultEndpoint)
        {
            var named = IPAddress.Parse(plan.Endpoint.ToString());
            if (peer is not null && !peer.Address.Equals(named) && gateway)
            {
                throw new FormatException($"--peer: {peer} is not the plan's tunnel endpoint {plan.Endpoint}");
            }

            peer ??= gateway ? new IPEndPoint(named, CellSite.DefaultPort) : null;
        }

        if (gateway && peer is null)
        {
            throw new FormatException("--peer: the gateway needs the endpoint's ADDRESS:PORT");
        }

        var devices = gateway && plan.ShaperScope.Devices is { } chosen ? chosen.Order().ToArray() : null;
        if (devices is not null && site.LanDevice is null)
        {
            throw new FormatException("devices= needs --lan-dev: the chosen devices' packets are marked by MAC where their frames arrive");
        }

        if (site.Route is null && devices is null)
        {
            throw new FormatException(gateway ? "--route: the home addresses whose traffic goes through the cells, e.g. 192.0.2.0/24" : "--route: the home addresses to route back into the cells, e.g. 192.0.2.0/24");
        }

        if (gateway && plan.Injection is not null && site.Decoys is null)
        {
            throw new FormatException("--decoys-from: the decoy part copies the devices' real activity periods: give a capture of the home (CAPTURE.pcapng)");
        }

        // No padding: each packet leaves at once in cells of the largest size (or --up-rate line's --cell), decoys among them.
        var cell = shaper is null ? site.UnshapedCellBytes ?? ShapeDeployment.MaxCellBytes : ShapeDeployment.CellBytes(shaper.PacketBytes);
        return new CellPlan
        {
            Options = new CellOptions
            {
                Role = site.Role,
                Tun = site.Tun,
                Listen = site.Listen,
                Peer = peer,
                CellBytes = cell,
                BytesPerSecond = shaper is null ? 0 : ShapeDeployment.CellRate(shaper, up: gateway),
                Spread = shaper?.Spread ?? 0,
                Period = shaper?.Period ?? TimeSpan.FromSeconds(5),
                Seed = site.Seed,
                QueuePackets = site.QueuePackets,
                QueueBytes = shaper?.QueueBytes ?? new Defences.Stages.ShaperOptions().QueueBytes,
                TunMtu = site.TunMtu,
                Key = site.Key,
                Decoys = gateway ? site.Decoys : null,
            },
            Route = site.Route,
            Devices = devices,
            LanDevice = devices is null ? null : site.LanDevice,
            FailClosed = site.FailClosed,
            Defence = plan,
        };
    }

    /// <summary>How the cells travel, in words (for `plan`).</summary>
    public string Describe()
    {
        var f = new CellFormat(Options.CellBytes);
        var rate = Options.BytesPerSecond;
        var side = Options.Role == CellRole.Gateway ? "upload" : "download";
        var timing = rate <= 0
            ? Defence.Injection is not null ? "no padding: each packet leaves at once as cells, no cover" : "unshaped: each packet leaves at once as cells, no cover (measuring the data path only)"
            : Options.Spread > 0
                ? $"VIT: every {Options.Period.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s the rate is redrawn uniformly from {Defences.Specs.Units.FormatRate(rate * (1 - Options.Spread))} to {Defences.Specs.Units.FormatRate(rate * (1 + Options.Spread))} (seed {Options.Seed.ToString(CultureInfo.InvariantCulture)})"
                : $"constant: one cell every {(f.CellBytes / rate * 1e3).ToString("0.###", CultureInfo.InvariantCulture)} ms";
        var peer = Options.Peer is { } p ? $"to {p}" : "to the gateway's address, learnt from its first authentic cell";
        var who = Devices is { Count: > 0 } d ? $"only {string.Join(", ", d.Select(m => m.ToString()))} (marked by MAC on {LanDevice}{(Route is null ? string.Empty : $", from {Route}")}); " : string.Empty;
        return $"{who}{side} at {(rate > 0 ? Defences.Specs.Units.FormatRate(rate) : "line rate")} in {f.CellBytes}-byte cells (IP length; {f.PayloadBytes} bytes of packet each, the rest IP/UDP {CellFormat.IpUdpBytes}, counter {CellFormat.CounterBytes}, tag {CellFormat.TagBytes}, fragment header {CellFormat.HeaderBytes}), " +
            $"ChaCha20-Poly1305 with the pre-shared key, UDP from {Options.Listen} {peer}; {timing}; {(rate > 0 ? "a cover cell whenever nothing waits; " : string.Empty)}queue at most {Options.QueuePackets.ToString(CultureInfo.InvariantCulture)} packets / {Options.QueueBytes.ToString(CultureInfo.InvariantCulture)} bytes, beyond that packets are dropped and counted; " +
            Decoys() +
            (FailClosed ? "fails closed: while the shaper is down the chosen traffic is blackholed, never sent unpadded" : "fails open: while the shaper is down the chosen traffic takes the ordinary route, unpadded");
    }

    private string Decoys() => Options.Decoys is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"decoys: copies of the devices' real activity periods from {d.Source} (seed {d.Seed}), each second's upload as decoy cells among the real ones and its download asked of the endpoint in the first; ")
        : Defence.Injection is not null && Options.Role == CellRole.Endpoint
            ? "decoys: the gateway's decoy cells ask for their download bytes, sent back here as decoy cells over the next second; "
            : string.Empty;

    private static string Mark => "0x" + ShapePlan.Mark.ToString("x", CultureInfo.InvariantCulture);

    private static string T(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses ADDRESS:PORT.</summary>
    public static bool TryParseEndpoint(string text, out IPEndPoint endpoint) => IPEndPoint.TryParse(text, out endpoint!) && endpoint.Port > 0;
}
