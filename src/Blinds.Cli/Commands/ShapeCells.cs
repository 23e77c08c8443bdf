using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;

using Blinds.Defences.Specs;
using Blinds.Reports;
using Blinds.Shaping;
using Blinds.Shaping.Cells;

namespace Blinds.Cli.Commands;

/// <summary>`blinds shape plan|up|endpoint --mode cells`: binds the cell path's options and renders its plan and status.</summary>
internal static class ShapeCells
{
    public static CellPlan Read(ParseResult r, Option<string> dev, bool endpoint, bool planOnly)
    {
        var tun = r.GetValue(dev)!;
        if (tun.Length is 0 or > 15 || tun.Any(ch => char.IsWhiteSpace(ch) || ch == '/'))
        {
            throw new CliException(ExitCodes.Usage, $"--dev: '{tun}' is not an interface name");
        }

        // "line": no schedule, each packet leaves at once as cells and no cover is sent (to measure the data path itself).
        var rateText = r.GetValue(endpoint ? ShapeCommand.DownRateOption : ShapeCommand.UpRateOption) ?? r.GetValue(ShapeCommand.RateOption);
        var rate = rateText == "line" ? 0 : ShapeCommand.Rate(r, endpoint);
        var spread = 0.0;
        switch (r.GetValue(ShapeCommand.TimingOption))
        {
            case "constant":
                break;
            case "vit":
                spread = r.GetValue(ShapeCommand.SpreadOption);
                if (spread is <= 0 or >= 1)
                {
                    throw new CliException(ExitCodes.Usage, "--spread: above 0 and below 1 for vit");
                }

                break;
            case var t:
                throw new CliException(ExitCodes.Usage, $"--timing: '{t}' is not constant or vit");
        }

        if (!Units.TryParseDuration(r.GetValue(ShapeCommand.PeriodOption)!, out var period) || period < TimeSpan.FromSeconds(1))
        {
            throw new CliException(ExitCodes.Usage, $"--period: '{r.GetValue(ShapeCommand.PeriodOption)}' is not a duration of at least 1s");
        }

        var cell = r.GetValue(ShapeCommand.CellOption);
        if (cell <= CellFormat.OverheadBytes || cell > 1500)
        {
            throw new CliException(ExitCodes.Usage, $"--cell: {cell} bytes; a cell must be larger than its own headers ({CellFormat.OverheadBytes} bytes: IP 20, UDP 8, counter {CellFormat.CounterBytes}, tag {CellFormat.TagBytes}, fragment header {CellFormat.HeaderBytes}) and at most 1500");
        }

        if (!CellPlan.TryParseEndpoint(r.GetValue(ShapeCommand.ListenOption)!, out var listen))
        {
            throw new CliException(ExitCodes.Usage, $"--listen: '{r.GetValue(ShapeCommand.ListenOption)}' is not ADDRESS:PORT");
        }

        IPEndPoint? peer = null;
        if (r.GetValue(ShapeCommand.PeerOption) is { } p)
        {
            peer = CellPlan.TryParseEndpoint(p, out var e) ? e : throw new CliException(ExitCodes.Usage, $"--peer: '{p}' is not ADDRESS:PORT");
        }
        else if (!endpoint)
        {
            throw new CliException(ExitCodes.Usage, "--peer: the gateway needs the endpoint's ADDRESS:PORT");
        }

        var route = r.GetValue(ShapeCommand.RouteOption) ?? throw new CliException(ExitCodes.Usage, endpoint ? "--route: the home addresses to route back into the cells, e.g. 192.0.2.0/24" : "--route: the home addresses whose traffic goes through the cells, e.g. 192.0.2.0/24");
        if (!IPNetwork.TryParse(route, out var network) || network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new CliException(ExitCodes.Usage, $"--route: '{route}' is not an IPv4 prefix such as 192.0.2.0/24");
        }

        var fail = r.GetValue(ShapeCommand.FailOption) switch
        {
            "closed" => true,
            "open" => false,
            var f => throw new CliException(ExitCodes.Usage, $"--fail: '{f}' is not closed or open"),
        };
        var queue = r.GetValue(ShapeCommand.QueueOption);
        if (queue is < 1 or > 1_000_000)
        {
            throw new CliException(ExitCodes.Usage, "--queue: 1 to 1000000 packets");
        }

        var tunMtu = r.GetValue(ShapeCommand.TunMtuOption);
        if (tunMtu is < 576 or > 65_535)
        {
            throw new CliException(ExitCodes.Usage, "--tun-mtu: 576 to 65535 bytes");
        }

        var key = new byte[32];
        if (r.GetValue(ShapeCommand.KeyOption) is { } keyFile)
        {
            try
            {
                var bytes = File.ReadAllBytes(keyFile);
                key = bytes.Length == 32 ? bytes : throw new CliException(ExitCodes.InputError, $"--key-file: {keyFile} holds {bytes.Length} bytes, not 32 (make one with: head -c 32 /dev/urandom > key)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.InputError, $"--key-file: {keyFile}: {e.Message}");
            }
        }
        else if (!planOnly)
        {
            throw new CliException(ExitCodes.Usage, "--key-file: the cell path needs the 32-byte pre-shared key (the same file on both ends)");
        }

        return new CellPlan
        {
            Options = new CellOptions
            {
                Role = endpoint ? CellRole.Endpoint : CellRole.Gateway,
                Tun = tun,
                Listen = listen,
                Peer = peer,
                CellBytes = cell,
                BytesPerSecond = rate,
                Spread = spread,
                Period = period,
                Seed = r.GetValue(ShapeCommand.SeedOption),
                QueuePackets = queue,
                TunMtu = tunMtu,
                Key = key,
            },
            Route = network.ToString(),
            FailClosed = fail,
        };
    }

    public static int Plan(CellPlan plan, bool json)
    {
        var up = plan.Up().Select(TcScript.Render).ToArray();
        var down = plan.Down().Select(TcScript.Render).ToArray();
        var side = plan.Options.Role == CellRole.Gateway ? "gateway" : "endpoint";
        if (json)
        {
            Json.WriteToStdout(new { device = plan.Options.Tun, mode = "cells", side, rate_bytes_per_second = plan.Options.BytesPerSecond, cell_bytes = plan.Options.CellBytes, payload_bytes = new CellFormat(plan.Options.CellBytes).PayloadBytes, fail_closed = plan.FailClosed, tun = $"create TUN {plan.Options.Tun} (held open by the shaper; it disappears with it)", up, cells = plan.Describe(), down });
            return ExitCodes.Ok;
        }

        var w = Console.Out;
        w.WriteLine($"# Cell path, {side} side: create TUN {plan.Options.Tun} (held open by the shaper; it disappears with it), then:");
        foreach (var c in up)
        {
            w.WriteLine(c);
        }

        w.WriteLine("# cells: " + plan.Describe());
        w.WriteLine("# down (also after a crash, from the state file):");
        foreach (var c in down)
        {
            w.WriteLine(c);
        }

        return ExitCodes.Ok;
    }

    public static int Up(CellPlan plan)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (TUN, ip)");
        }

        try
        {
            return new CellSession(plan, m => Console.Error.WriteLine("blinds: " + m)).Run(CancellationToken.None);
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }

    public static int Status(string tun, ShapeState? state, bool json)
    {
        CellStats? s;
        try
        {
            s = JsonSerializer.Deserialize<CellStats>(File.ReadAllText(CellSession.StatsPath(tun)), CellStats.Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            throw new CliException(ExitCodes.InputError, $"{CellSession.StatsPath(tun)}: no counters ({e.Message})");
        }

        if (s is null)
        {
            throw new CliException(ExitCodes.InputError, $"{CellSession.StatsPath(tun)}: empty");
        }

        var running = state?.Alive() ?? false;
        if (json)
        {
            Json.WriteToStdout(new { device = tun, pid = state?.Pid, running, plan = state?.Summary, counters = s });
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tun} ({s.Role}, {(running ? "running" : "not running")}): {s.RealCells} data + {s.CoverCells} cover cells of {s.CellBytes} B sent at {Units.FormatRate(s.Rate)}; {s.PacketsIn} packets in ({Formatting.Bytes(s.BytesIn)}), {s.Queued} queued, {s.QueueDrops} dropped (queue full), {s.SendErrors} send errors; delay p50 {s.DelayP50Ms:0.#} ms, p95 {s.DelayP95Ms:0.#} ms, max {s.DelayMaxMs:0.#} ms; {s.CellsIn} cells in, {s.PacketsOut} packets out, {s.Rejected} rejected, {s.ReassemblyDrops} lost in reassembly"));
        return ExitCodes.Ok;
    }
}
