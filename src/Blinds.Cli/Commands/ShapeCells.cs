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

        var defence = ShapeDefence.Bind(r, cells: true, endpoint, out var unshapedCell);
        if (!CellPlan.TryParseEndpoint(r.GetValue(ShapeCommand.ListenOption)!, out var listen))
        {
            throw new CliException(ExitCodes.Usage, $"--listen: '{r.GetValue(ShapeCommand.ListenOption)}' is not ADDRESS:PORT");
        }

        IPEndPoint? peer = null;
        if (r.GetValue(ShapeCommand.PeerOption) is { } p)
        {
            peer = CellPlan.TryParseEndpoint(p, out var e) ? e : throw new CliException(ExitCodes.Usage, $"--peer: '{p}' is not ADDRESS:PORT");
        }

        string? route = null;
        if (r.GetValue(ShapeCommand.RouteOption) is { } prefix)
        {
            route = IPNetwork.TryParse(prefix, out var network) && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                ? network.ToString()
                : throw new CliException(ExitCodes.Usage, $"--route: '{prefix}' is not an IPv4 prefix such as 192.0.2.0/24");
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

        var lan = r.GetValue(ShapeCommand.LanOption);
        if (lan is not null && (lan.Length is 0 or > 15 || lan.Any(ch => char.IsWhiteSpace(ch) || ch is '/' or '"')))
        {
            throw new CliException(ExitCodes.Usage, $"--lan-dev: '{lan}' is not an interface name");
        }

        var site = new CellSite
        {
            Role = endpoint ? CellRole.Endpoint : CellRole.Gateway,
            Tun = tun,
            Listen = listen,
            Peer = peer,
            Route = route,
            LanDevice = lan,
            FailClosed = fail,
            Seed = r.GetValue(ShapeCommand.SeedOption),
            QueuePackets = queue,
            TunMtu = tunMtu,
            Key = key,
            UnshapedCellBytes = unshapedCell,
        };
        CellPlan plan;
        try
        {
            plan = CellPlan.From(defence, site);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message.StartsWith("--", StringComparison.Ordinal) || (r.GetValue(ShapeDefence.PlanOption) ?? r.GetValue(ShapeDefence.PlanFileOption)) is null ? e.Message : "--plan: " + e.Message);
        }

        if (!planOnly && lan is not null && plan.Devices is not null && !Directory.Exists(Path.Combine(LinkSpeed.SysClassNet, lan)))
        {
            throw new CliException(ExitCodes.InputError, $"--lan-dev: {lan}: no such network interface");
        }

        if (plan.Options.BytesPerSecond > 0 && plan.Options.Peer is { } toward && LinkSpeed.Toward(toward.Address) is { } link)
        {
            ShapeCommand.CheckLink(link, plan.Options.BytesPerSecond, endpoint);
        }

        return plan;
    }

    public static int Plan(CellPlan plan, bool json)
    {
        var up = plan.Up().Select(TcScript.Render).ToArray();
        var down = plan.Down().Select(TcScript.Render).ToArray();
        var side = plan.Options.Role == CellRole.Gateway ? "gateway" : "endpoint";
        if (json)
        {
            Json.WriteToStdout(new { device = plan.Options.Tun, mode = "cells", side, plan = plan.Defence.ToString(), rate_bytes_per_second = plan.Options.BytesPerSecond, cell_bytes = plan.Options.CellBytes, payload_bytes = new CellFormat(plan.Options.CellBytes).PayloadBytes, fail_closed = plan.FailClosed, tun = $"create TUN {plan.Options.Tun} (held open by the shaper; it disappears with it)", up, cells = plan.Describe(), down });
            return ExitCodes.Ok;
        }

        var w = Console.Out;
        var slot = plan.Defence.Shaper is { } shaper
            ? $" (this side sends the {(plan.Options.Role == CellRole.Gateway ? "upload" : "download")}: one {plan.Options.CellBytes}-byte cell for each {shaper.PacketBytes}-byte slot the simulation sends at {Units.FormatRate(shaper.BytesPerSecond(plan.Options.Role == CellRole.Gateway))})"
            : " (no padding: cells at line rate, to measure the data path)";
        w.WriteLine($"# plan: {plan.Defence}{slot}");
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
