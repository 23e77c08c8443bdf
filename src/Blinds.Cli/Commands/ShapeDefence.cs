using System.CommandLine;

using Blinds.Shaping;

namespace Blinds.Cli.Commands;

/// <summary>
/// The options of `blinds shape plan|up|endpoint`, bound to one <see cref="ShapeSettings"/>: the defence from --plan or
/// --plan-file as written, or the shorthands that build the same value (checked by <see cref="ShapeBinding"/>).
/// </summary>
internal static class ShapeDefence
{
    internal static readonly Option<string?> PlanOption = new("--plan") { Description = "The defence to deploy as simulate and the audit spell it, e.g. \"tunnel+constant:up=4KB/s,down=8KB/s,devices=50:c7:bf:00:fc:a3\" (instead of --up-rate, --down-rate, --timing, --cell, --devices)" };
    internal static readonly Option<string?> PlanFileOption = new("--plan-file") { Description = "A file holding the plan (lines joined with '+'; lines starting with # are comments)" };
    internal static readonly Option<string?> RateOption = new("--rate") { Description = "Shaped rate, both directions (--up-rate/--down-rate set each), e.g. 10KB/s (decimal units)" };
    internal static readonly Option<string?> UpRateOption = new("--up-rate") { Description = "The upload's rate (what the gateway sends), e.g. 50KB/s; cells: line sends each packet at once, no cover (to measure the data path)" };
    internal static readonly Option<string?> DownRateOption = new("--down-rate") { Description = "The download's rate (what the endpoint sends), e.g. 200KB/s" };
    internal static readonly Option<string> ModeOption = new("--mode") { Description = "cells (fixed-size encrypted cells through a TUN device: what `simulate` prices), rate-only (tc HTB on an existing interface: packet sizes and counts still show), or their old names constant / vit (rate-only); default: constant, or cells with --plan", DefaultValueFactory = _ => "constant" };
    internal static readonly Option<string> TimingOption = new("--timing") { Description = "cells: constant, or vit (the rate redrawn every --period within rate × [1 − spread, 1 + spread])", DefaultValueFactory = _ => "constant" };
    internal static readonly Option<int> CellOption = new("--cell") { Description = "cells: every cell's IP length on the wire", DefaultValueFactory = _ => 512 };
    internal static readonly Option<double> SpreadOption = new("--spread") { Description = "VIT: how far the rate may move, as a share of it", DefaultValueFactory = _ => 0.5 };
    internal static readonly Option<string> PeriodOption = new("--period") { Description = "VIT: how long each rate holds", DefaultValueFactory = _ => "5s" };
    internal static readonly Option<string?> DevicesOption = new("--devices") { Description = "Shape only these MACs (comma-separated; marked with iptables on --lan-dev)" };
    internal static readonly Option<string?> ScheduleOption = new("--schedule") { Description = "Daily UTC windows when shaping is on, e.g. 06:00-24:00 or 22:00-06:00;12:00-13:00" };
    internal static readonly Option<int> SizeOption = new("--size") { Description = "Cover packet size (IP bytes)", DefaultValueFactory = _ => 512 };
    internal static readonly Option<string?> DecoysFromOption = new("--decoys-from") { Description = "cells, gateway: a capture of the home; a plan's decoy part sends copies of its devices' real activity periods, e.g. --plan 'tunnel+decoy:per-day=6' --decoys-from home.pcapng" };
    internal static readonly Option<string?> DecoyDayOption = new("--decoy-day") { Description = "plan: the UTC day whose decoys are listed, e.g. 2026-12-03 (default today)" };

    // The shorthands a plan replaces: giving both would leave two answers to one question.
    private static Option[] Shorthands => [RateOption, UpRateOption, DownRateOption, TimingOption, SpreadOption, PeriodOption, CellOption, SizeOption, DevicesOption, ScheduleOption];

    /// <summary>The options that say what to deploy.</summary>
    public static Option[] All => [PlanOption, PlanFileOption, .. Shorthands, ModeOption, DecoysFromOption];

    /// <summary>The options of <paramref name="r"/> as given, for <see cref="ShapeBinding"/>.</summary>
    public static ShapeSettings Settings(ParseResult r, Option<string> dev, bool endpoint, bool planOnly) => new()
    {
        Dev = r.GetValue(dev)!,
        Endpoint = endpoint,
        PlanOnly = planOnly,
        Plan = r.GetValue(PlanOption),
        PlanFile = r.GetValue(PlanFileOption),
        Given = (r.GetValue(PlanOption) ?? r.GetValue(PlanFileOption)) is null ? [] : Shorthands.Where(o => r.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray(),
        Mode = r.GetResult(ModeOption) is null or { Implicit: true } ? null : r.GetValue(ModeOption),
        Rate = r.GetValue(RateOption),
        UpRate = r.GetValue(UpRateOption),
        DownRate = r.GetValue(DownRateOption),
        Timing = r.GetValue(TimingOption)!,
        Spread = r.GetValue(SpreadOption),
        Period = r.GetValue(PeriodOption)!,
        Cell = r.GetValue(CellOption),
        Size = r.GetValue(SizeOption),
        Devices = r.GetValue(DevicesOption),
        Schedule = r.GetValue(ScheduleOption),
        LanDevice = r.GetValue(ShapeDeployOptions.LanOption),
        Peer = r.GetValue(ShapeDeployOptions.PeerOption),
        Listen = r.GetValue(ShapeDeployOptions.ListenOption)!,
        KeyFile = r.GetValue(ShapeDeployOptions.KeyOption),
        Route = r.GetValue(ShapeDeployOptions.RouteOption),
        Fail = r.GetValue(ShapeDeployOptions.FailOption)!,
        Seed = r.GetValue(ShapeDeployOptions.SeedOption),
        Queue = r.GetValue(ShapeDeployOptions.QueueOption),
        TunMtu = r.GetValue(ShapeDeployOptions.TunMtuOption),
        CoverTo = r.GetValue(ShapeDeployOptions.CoverOption)!,
        Mtu = r.GetValue(ShapeDeployOptions.MtuOption),
        DropCover = r.GetValue(ShapeDeployOptions.DropOption),
        Scheduler = r.GetValue(ShapeDeployOptions.SchedulerOption) ?? "prio",
        DecoysFrom = r.GetValue(DecoysFromOption),
        DecoyDay = r.GetValue(DecoyDayOption),
    };

    /// <summary>Runs <paramref name="bind"/>, turning its one-line errors into the CLI's (usage: exit 1; input: exit 2).</summary>
    public static T Guard<T>(Func<T> bind)
    {
        try
        {
            return bind();
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
        catch (ShapingException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }
}
