using System.CommandLine;
using System.Globalization;

using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Shaping;

namespace Blinds.Cli.Commands;

/// <summary>blinds shape: deploy independent link padding on a Linux gateway with tc, and take it down again.</summary>
internal static class ShapeCommand
{
    public static Command Create()
    {
        var plan = new Command("plan", "Print the exact tc commands, the cover generator and (VIT) how the rate is redrawn; needs no root");
        var up = new Command("up", "Apply the plan and keep the cover and VIT going until SIGTERM/SIGINT or `shape down` (as root)");
        var endpoint = new Command("endpoint", "On the VPN endpoint: drop the home's cover (--drop-cover) and shape the download direction the same way (as root)");
        var down = new Command("down", "Stop the shaper and restore the interface exactly as it was, also after a crash (as root)");
        var status = new Command("status", "Rate, queue, drops and cover share of a running shaper (as root)");
        var dev = new Option<string>("--dev") { Description = "The interface to shape (tun0 on a VPN gateway)", Required = true };
        var json = CommonOptions.Json();
        foreach (var c in new[] { plan, up, endpoint })
        {
            AddPlanOptions(c, dev, json);
        }

        down.Options.Add(dev);
        status.Options.Add(dev);
        status.Options.Add(json);
        var interval = new Option<string>("--interval") { Description = "How long status measures", DefaultValueFactory = _ => "2s" };
        status.Options.Add(interval);

        plan.SetAction(r => IsCells(r) ? ShapeCells.Plan(ShapeCells.Read(r, dev, endpoint: r.GetValue(EndpointOption), planOnly: true), r.GetValue(json)) : Plan(Read(r, dev, endpoint: false, planOnly: true), r.GetValue(json)));
        up.SetAction(r => IsCells(r) ? ShapeCells.Up(ShapeCells.Read(r, dev, endpoint: false, planOnly: false)) : Up(Read(r, dev, endpoint: false, planOnly: false)));
        endpoint.SetAction(r => IsCells(r) ? ShapeCells.Up(ShapeCells.Read(r, dev, endpoint: true, planOnly: false)) : Up(Read(r, dev, endpoint: true, planOnly: false)));
        down.SetAction(r => Down(r.GetValue(dev)!));
        status.SetAction(r => Status(r.GetValue(dev)!, r.GetValue(interval)!, r.GetValue(json)));
        return new Command("shape", "The live shaper on a Linux gateway (paper 002 §7.2): plan, up, down, status, endpoint") { plan, up, down, status, endpoint, ShapeFirewall.Create() };
    }

    // A plan is deployed as simulated, so with --plan (or --plan-file) and no --mode the cell path is the default.
    private static bool IsCells(ParseResult r) =>
        r.GetValue(ModeOption) == "cells"
        || (r.GetResult(ModeOption) is null or { Implicit: true } && (r.GetValue(ShapeDefence.PlanOption) ?? r.GetValue(ShapeDefence.PlanFileOption)) is not null);

    internal static readonly Option<string?> RateOption = new("--rate") { Description = "Shaped rate, both directions (--up-rate/--down-rate set each), e.g. 10KB/s (decimal units)" };
    internal static readonly Option<string?> UpRateOption = new("--up-rate") { Description = "The upload's rate (what the gateway sends), e.g. 50KB/s; cells: line sends each packet at once, no cover (to measure the data path)" };
    internal static readonly Option<string?> DownRateOption = new("--down-rate") { Description = "The download's rate (what the endpoint sends), e.g. 200KB/s" };
    internal static readonly Option<string> ModeOption = new("--mode") { Description = "cells (fixed-size encrypted cells through a TUN device: what `simulate` prices), rate-only (tc HTB on an existing interface: packet sizes and counts still show), or their old names constant / vit (rate-only); default: constant, or cells with --plan", DefaultValueFactory = _ => "constant" };
    internal static readonly Option<string> TimingOption = new("--timing") { Description = "cells: constant, or vit (the rate redrawn every --period within rate × [1 − spread, 1 + spread])", DefaultValueFactory = _ => "constant" };
    internal static readonly Option<int> CellOption = new("--cell") { Description = "cells: every cell's IP length on the wire", DefaultValueFactory = _ => 512 };
    internal static readonly Option<string?> PeerOption = new("--peer") { Description = "cells: the endpoint's ADDRESS:PORT (gateway)" };
    internal static readonly Option<string> ListenOption = new("--listen") { Description = "cells: the local ADDRESS:PORT cells are sent from and received on", DefaultValueFactory = _ => "0.0.0.0:51821" };
    internal static readonly Option<string?> KeyOption = new("--key-file") { Description = "cells: the 32-byte pre-shared key, the same file on both ends (head -c 32 /dev/urandom > key)" };
    internal static readonly Option<string?> RouteOption = new("--route") { Description = "cells: gateway: the home addresses whose traffic goes through the cells (e.g. 192.0.2.0/24); endpoint: the home addresses routed back into them" };
    internal static readonly Option<string> FailOption = new("--fail") { Description = "cells: closed (default: while the shaper is down the chosen traffic is blackholed) or open (it takes the ordinary route, unpadded)", DefaultValueFactory = _ => "closed" };
    internal static readonly Option<int> SeedOption = new("--seed") { Description = "cells: seed of the VIT draws", DefaultValueFactory = _ => 1 };
    internal static readonly Option<int> QueueOption = new("--queue") { Description = "cells: most packets waiting; beyond, dropped and counted", DefaultValueFactory = _ => 4096 };
    internal static readonly Option<int> TunMtuOption = new("--tun-mtu") { Description = "cells: the TUN device's MTU, the largest packet carried (fragmented into cells)", DefaultValueFactory = _ => 1500 };
    internal static readonly Option<bool> EndpointOption = new("--endpoint") { Description = "plan: the endpoint's side (cells)" };
    internal static readonly Option<double> SpreadOption = new("--spread") { Description = "VIT: how far the rate may move, as a share of it", DefaultValueFactory = _ => 0.5 };
    internal static readonly Option<string> PeriodOption = new("--period") { Description = "VIT: how long each rate holds", DefaultValueFactory = _ => "5s" };
    private static readonly Option<string> CoverOption = new("--cover-to") { Description = "Dummy address cover is sent to (the far end drops it)", DefaultValueFactory = _ => "198.18.0.254" };
    internal static readonly Option<string?> DevicesOption = new("--devices") { Description = "Shape only these MACs (comma-separated; marked with iptables on --lan-dev)" };
    internal static readonly Option<string?> LanOption = new("--lan-dev") { Description = "The LAN interface the chosen devices' frames arrive on" };
    internal static readonly Option<string?> ScheduleOption = new("--schedule") { Description = "Daily UTC windows when shaping is on, e.g. 06:00-24:00 or 22:00-06:00;12:00-13:00" };
    internal static readonly Option<int> SizeOption = new("--size") { Description = "Cover packet size (IP bytes)", DefaultValueFactory = _ => 512 };
    private static readonly Option<int> MtuOption = new("--mtu") { Description = "The interface's MTU: the token bucket holds one packet (default: read from the interface, else 1500)" };
    private static readonly Option<string?> DropOption = new("--drop-cover") { Description = "endpoint: the home's cover address, dropped here" };
    private static readonly Option<string> SchedulerOption = new("--scheduler") { Description = "plan: prio (paper 002 Fig. 8) or htb (class priorities, for kernels without sch_prio; up falls back to it by itself)", DefaultValueFactory = _ => "prio" };

    private static void AddPlanOptions(Command c, Option<string> dev, Option<bool> json)
    {
        foreach (var o in new Option[] { dev, ShapeDefence.PlanOption, ShapeDefence.PlanFileOption, RateOption, UpRateOption, DownRateOption, ModeOption, SpreadOption, PeriodOption, CoverOption, DevicesOption, LanOption, ScheduleOption, SizeOption, MtuOption, TimingOption, CellOption, PeerOption, ListenOption, KeyOption, RouteOption, FailOption, SeedOption, QueueOption, TunMtuOption })
        {
            c.Options.Add(o);
        }

        if (c.Name == "endpoint")
        {
            c.Options.Add(DropOption);
        }

        if (c.Name == "plan")
        {
            c.Options.Add(SchedulerOption);
            c.Options.Add(EndpointOption);
            c.Options.Add(json);
        }
    }

    private static (ShapePlan Plan, Scheduler Scheduler) Read(ParseResult r, Option<string> dev, bool endpoint, bool planOnly)
    {
        var device = r.GetValue(dev)!;
        if (device.Length is 0 or > 15 || device.Any(ch => char.IsWhiteSpace(ch) || ch == '/'))
        {
            throw new CliException(ExitCodes.Usage, $"--dev: '{device}' is not an interface name");
        }

        if (r.GetValue(ModeOption) is not ("constant" or "rate-only" or "vit") and var m)
        {
            throw new CliException(ExitCodes.Usage, $"--mode: '{m}' is not cells, rate-only, constant or vit");
        }

        var defence = ShapeDefence.Bind(r, cells: false, endpoint, out _);
        var cover = ParseAddress(r.GetValue(CoverOption)!, "--cover-to");
        var mtu = r.GetValue(MtuOption) is > 0 and var m2 ? m2 : ReadMtu(device);
        IpAddress? drop = null;
        if (endpoint)
        {
            drop = r.GetValue(DropOption) is { } d ? ParseAddress(d, "--drop-cover") : throw new CliException(ExitCodes.Usage, "endpoint needs --drop-cover: the home's cover address");
        }

        ShapePlan plan;
        try
        {
            plan = ShapePlan.From(defence, new RateOnlySite { Device = device, Endpoint = endpoint, CoverTo = cover, Mtu = mtu, LanDevice = r.GetValue(LanOption), DropCoverTo = drop });
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, (r.GetValue(ShapeDefence.PlanOption) ?? r.GetValue(ShapeDefence.PlanFileOption)) is null ? e.Message : "--plan: " + e.Message);
        }

        if (!planOnly && OperatingSystem.IsLinux() && !Directory.Exists(Path.Combine(LinkSpeed.SysClassNet, device)))
        {
            throw new CliException(ExitCodes.InputError, $"{device}: no such network interface");
        }

        CheckLink(device, plan.BytesPerSecond, endpoint);
        var scheduler = planOnly && r.GetValue(SchedulerOption) == "htb" ? Scheduler.Htb : Scheduler.Prio;
        return (plan, scheduler);
    }

    /// <summary>Refuses a rate beyond the link it leaves by (exit 1); notes when the link does not say its speed.</summary>
    internal static void CheckLink(string device, double bytesPerSecond, bool endpoint)
    {
        try
        {
            if (LinkSpeed.Check(device, bytesPerSecond, endpoint ? "the download rate" : "the upload rate") is { } note)
            {
                Console.Error.WriteLine("blinds: " + note);
            }
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
    }

    private static IpAddress ParseAddress(string text, string option) =>
        IpAddress.TryParse(text, out var a) && a.IsV4 ? a : throw new CliException(ExitCodes.Usage, $"{option}: '{text}' is not an IPv4 address");

    private static int ReadMtu(string device)
    {
        try
        {
            return int.Parse(File.ReadAllText($"/sys/class/net/{device}/mtu").Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 1500;
        }
    }

    private static int Plan((ShapePlan Plan, Scheduler Scheduler) p, bool json)
    {
        var (plan, scheduler) = p;
        var up = TcScript.Up(plan, scheduler).Select(TcScript.Render).ToArray();
        var down = TcScript.Down(plan).Select(TcScript.Render).ToArray();
        var vit = plan.Mode == ShapeMode.Vit
            ? $"every {plan.Period.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s the rate is redrawn uniformly from {Units.FormatRate(plan.BytesPerSecond * (1 - plan.Spread))} to {Units.FormatRate(plan.BytesPerSecond * (1 + plan.Spread))} (seeded) and set in place with: {string.Join(" && ", TcScript.ChangeRate(plan, plan.BytesPerSecond, scheduler).Select(TcScript.Render))} (with the new rate); traffic never leaves the HTB while it changes"
            : null;
        var coverRate = plan.Mode == ShapeMode.Vit ? plan.BytesPerSecond * (1 + plan.Spread) * plan.CoverFactor : plan.CoverBytesPerSecond;
        var cover = $"UDP to {plan.CoverTo}:{plan.CoverPort}, {plan.CoverPacketBytes}-byte packets at {Units.FormatRate(coverRate)} ({plan.CoverFactor.ToString("0.##", CultureInfo.InvariantCulture)} × the highest shaped rate): a cover packet is always waiting; the {plan.CoverQueuePackets}-packet cover queue drops the excess";
        var schedule = plan.Schedule.Count == 0 ? null : "on during " + string.Join(", ", plan.Schedule.Select(w => $"{w.Start:hh\\:mm}-{(w.End == TimeSpan.FromHours(24) ? "24:00" : w.End.ToString("hh\\:mm", CultureInfo.InvariantCulture))}")) + " UTC; outside, the class runs at line rate and no cover is sent";
        if (json)
        {
            Json.WriteToStdout(new { device = plan.Device, plan = plan.Defence.ToString(), rate_bytes_per_second = plan.BytesPerSecond, mode = plan.Mode.ToString().ToLowerInvariant(), scheduler = scheduler.ToString().ToLowerInvariant(), up, cover, vit, schedule, down });
            return ExitCodes.Ok;
        }

        var w = Console.Out;
        w.WriteLine($"# plan: {plan.Defence} (rate-only: the rate is limited, packets are neither padded nor fragmented)");
        w.WriteLine($"# Shape {plan.Device} at {Units.FormatRate(plan.BytesPerSecond)} ({plan.Mode.ToString().ToLowerInvariant()}), {(scheduler == Scheduler.Prio ? "HTB + PRIO (paper 002 Fig. 8)" : "HTB class priorities")}: one-packet bucket of {TcScript.Bucket(plan)} bytes");
        w.WriteLine("# device traffic -> high band; cover to " + plan.CoverTo + " -> low band, sent only when no device packet waits");
        foreach (var c in up)
        {
            w.WriteLine(c);
        }

        w.WriteLine("# cover generator: " + cover);
        if (vit is not null)
        {
            w.WriteLine("# vit: " + vit);
        }

        if (schedule is not null)
        {
            w.WriteLine("# schedule: " + schedule);
        }

        w.WriteLine("# down (deleting the root qdisc brings back the kernel's default):");
        foreach (var c in down)
        {
            w.WriteLine(c);
        }

        return ExitCodes.Ok;
    }

    private static int Up((ShapePlan Plan, Scheduler Scheduler) p)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (tc)");
        }

        try
        {
            return new ShapeSession(p.Plan, m => Console.Error.WriteLine("blinds: " + m)).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }

    private static int Down(string device)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (tc)");
        }

        try
        {
            if (ShapeState.Read(device) is not { } state)
            {
                throw new CliException(ExitCodes.InputError, $"{device} is not shaped by Blinds (no state in {ShapeState.Directory})");
            }

            if (state.Alive())
            {
                // The running shaper undoes its own changes on SIGTERM; wait for it, then finish the job if it could not.
                CommandRunner.Run(["kill", "-TERM", state.Pid.ToString(CultureInfo.InvariantCulture)]);
                var until = DateTime.UtcNow.AddSeconds(15);
                while (File.Exists(ShapeState.PathOf(device)) && DateTime.UtcNow < until)
                {
                    Thread.Sleep(100);
                }
            }

            if (ShapeState.Read(device) is { } left)
            {
                Teardown.Undo(left, m => Console.Error.WriteLine("blinds: " + m));
            }

            var now = state.Current();
            Console.Out.WriteLine(now == state.Before
                ? state.Kind == "cells" ? $"{device} removed; routes and rules restored exactly as before" : $"{device} restored: {now.Split('\n')[0]}"
                : $"{device} differs from before: now '{now}', was '{state.Before}'");
            return now == state.Before ? ExitCodes.Ok : ExitCodes.InputDamaged;
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }

    private static int Status(string device, string intervalText, bool json)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (tc)");
        }

        var interval = DurationOption.Parse(intervalText, "--interval", "2s");

        try
        {
            var state = ShapeState.Read(device);
            if (state?.Kind == "cells" || File.Exists(Shaping.Cells.CellSession.StatsPath(device)))
            {
                return ShapeCells.Status(device, state, json);
            }

            var s = ShapeStatus.Measure(device, interval);
            var health = ShapeStatus.Health(state);
            var code = health == ShapeHealth.Degraded ? ExitCodes.Degraded : ExitCodes.Ok;
            if (json)
            {
                Json.WriteToStdout(new { device, health = health.ToString().ToLowerInvariant(), pid = state?.Pid, running = health == ShapeHealth.Running, plan = state?.Summary, bytes_per_second = s.BytesPerSecond, device_bytes = s.DeviceBytes, cover_bytes = s.CoverBytes, cover_share = s.CoverShare, device_drops = s.DeviceDrops, cover_drops = s.CoverDrops, queue_bytes = s.DeviceBacklog, queue_packets = s.DeviceQueued, seconds = s.Seconds });
                return code;
            }

            if (health == ShapeHealth.Degraded)
            {
                Console.Out.WriteLine($"{device}: degraded: the shaper (pid {state!.Pid}) is gone but its rules still limit the link, without cover; `blinds shape down --dev {device}` restores it");
            }

            Console.Out.WriteLine($"{device}: {Units.FormatRate(s.BytesPerSecond)} leaving over {s.Seconds:0.#} s, cover {s.CoverShare:P0}; queue {Formatting.Bytes(s.DeviceBacklog)} ({s.DeviceQueued} packets); dropped so far: {s.DeviceDrops} device packets, {s.CoverDrops} cover (expected){(state is null ? "; no Blinds state (set up by hand?)" : $"; pid {state.Pid} {(health == ShapeHealth.Running ? "running" : "gone")}: {state.Summary}")}");
            return code;
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }
}
