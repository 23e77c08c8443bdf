using System.Globalization;

using Blinds.Defences.Specs;
using Blinds.Shaping.Cells;
using Blinds.Shaping.Decoys;

namespace Blinds.Shaping;

/// <summary>`shape plan` of the rate-only mode as a typed result: its JSON fields, and <see cref="Lines"/> for people.</summary>
public sealed record RateOnlyPlanView
{
    /// <summary>The interface shaped.</summary>
    public required string Device { get; init; }

    /// <summary>The plan, canonical.</summary>
    public required string Plan { get; init; }

    /// <summary>The shaped rate.</summary>
    public double RateBytesPerSecond { get; init; }

    /// <summary>constant or vit.</summary>
    public required string Mode { get; init; }

    /// <summary>prio or htb.</summary>
    public required string Scheduler { get; init; }

    /// <summary>The tc commands that apply it.</summary>
    public required IReadOnlyList<string> Up { get; init; }

    /// <summary>The cover generator, in words.</summary>
    public required string Cover { get; init; }

    /// <summary>VIT: how the rate is redrawn; null for constant.</summary>
    public string? Vit { get; init; }

    /// <summary>The daily windows, in words; null for all day.</summary>
    public string? Schedule { get; init; }

    /// <summary>The commands that undo it.</summary>
    public required IReadOnlyList<string> Down { get; init; }

    private ShapePlan? Source { get; init; }

    /// <summary>The view of <paramref name="d"/>.</summary>
    public static RateOnlyPlanView Of(RateOnlyDeployment d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var (plan, scheduler) = (d.Plan, d.Scheduler);
        var coverRate = plan.Mode == ShapeMode.Vit ? plan.BytesPerSecond * (1 + plan.Spread) * plan.CoverFactor : plan.CoverBytesPerSecond;
        return new RateOnlyPlanView
        {
            Device = plan.Device,
            Plan = plan.Defence.ToString(),
            RateBytesPerSecond = plan.BytesPerSecond,
            Mode = plan.Mode.ToString().ToLowerInvariant(),
            Scheduler = scheduler.ToString().ToLowerInvariant(),
            Up = TcScript.Up(plan, scheduler).Select(TcScript.Render).ToArray(),
            Cover = $"UDP to {plan.CoverTo}:{plan.CoverPort}, {plan.CoverPacketBytes}-byte packets at {Units.FormatRate(coverRate)} ({plan.CoverFactor.ToString("0.##", CultureInfo.InvariantCulture)} × the highest shaped rate): a cover packet is always waiting; the {plan.CoverQueuePackets}-packet cover queue drops the excess",
            Vit = plan.Mode == ShapeMode.Vit
                ? $"every {plan.Period.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s the rate is redrawn uniformly from {Units.FormatRate(plan.BytesPerSecond * (1 - plan.Spread))} to {Units.FormatRate(plan.BytesPerSecond * (1 + plan.Spread))} (seeded) and set in place with: {string.Join(" && ", TcScript.ChangeRate(plan, plan.BytesPerSecond, scheduler).Select(TcScript.Render))} (with the new rate); traffic never leaves the HTB while it changes"
                : null,
            Schedule = plan.Schedule.Count == 0 ? null : "on during " + string.Join(", ", plan.Schedule.Select(w => $"{w.Start:hh\\:mm}-{(w.End == TimeSpan.FromHours(24) ? "24:00" : w.End.ToString("hh\\:mm", CultureInfo.InvariantCulture))}")) + " UTC; outside, the class runs at line rate and no cover is sent",
            Down = TcScript.Down(plan).Select(TcScript.Render).ToArray(),
            Source = plan,
        };
    }

    /// <summary>The plan for people: commands to run, comments to read.</summary>
    public IEnumerable<string> Lines()
    {
        var plan = Source!;
        yield return $"# plan: {Plan} (rate-only: the rate is limited, packets are neither padded nor fragmented)";
        yield return $"# Shape {Device} at {Units.FormatRate(RateBytesPerSecond)} ({Mode}), {(Scheduler == "prio" ? "HTB + PRIO (paper 002 Fig. 8)" : "HTB class priorities")}: one-packet bucket of {TcScript.Bucket(plan)} bytes";
        yield return "# device traffic -> high band; cover to " + plan.CoverTo + " -> low band, sent only when no device packet waits";
        foreach (var c in Up)
        {
            yield return c;
        }

        yield return "# cover generator: " + Cover;
        if (Vit is not null)
        {
            yield return "# vit: " + Vit;
        }

        if (Schedule is not null)
        {
            yield return "# schedule: " + Schedule;
        }

        yield return "# down (deleting the root qdisc brings back the kernel's default):";
        foreach (var c in Down)
        {
            yield return c;
        }
    }
}

/// <summary>`shape plan --mode cells` as a typed result: its JSON fields, and <see cref="Lines"/> for people.</summary>
public sealed record CellPlanView
{
    /// <summary>The TUN device.</summary>
    public required string Device { get; init; }

    /// <summary>Always cells.</summary>
    public string Mode { get; init; } = "cells";

    /// <summary>gateway or endpoint.</summary>
    public required string Side { get; init; }

    /// <summary>The plan, canonical.</summary>
    public required string Plan { get; init; }

    /// <summary>This side's wire rate (0: no padding).</summary>
    public double RateBytesPerSecond { get; init; }

    /// <summary>Every cell's IP length.</summary>
    public int CellBytes { get; init; }

    /// <summary>Packet bytes a cell carries.</summary>
    public int PayloadBytes { get; init; }

    /// <summary>True when the chosen traffic is blackholed while the shaper is down.</summary>
    public bool FailClosed { get; init; }

    /// <summary>The TUN device, in words.</summary>
    public required string Tun { get; init; }

    /// <summary>The commands that route traffic into it.</summary>
    public required IReadOnlyList<string> Up { get; init; }

    /// <summary>How the cells travel, in words.</summary>
    public required string Cells { get; init; }

    /// <summary>The commands that undo it.</summary>
    public required IReadOnlyList<string> Down { get; init; }

    /// <summary>Gateway with decoys: what they copy and the day's decoys; else null.</summary>
    public DecoyView? Decoys { get; init; }

    private CellPlan? Source { get; init; }

    /// <summary>The view of <paramref name="plan"/>; with decoys, those of <paramref name="day"/> (UTC) are listed.</summary>
    public static CellPlanView Of(CellPlan plan, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new CellPlanView
        {
            Device = plan.Options.Tun,
            Side = plan.Options.Role == CellRole.Gateway ? "gateway" : "endpoint",
            Plan = plan.Defence.ToString(),
            RateBytesPerSecond = plan.Options.BytesPerSecond,
            CellBytes = plan.Options.CellBytes,
            PayloadBytes = new CellFormat(plan.Options.CellBytes).PayloadBytes,
            FailClosed = plan.FailClosed,
            Tun = $"create TUN {plan.Options.Tun} (held open by the shaper; it disappears with it)",
            Up = plan.Up().Select(TcScript.Render).ToArray(),
            Cells = plan.Describe(),
            Down = plan.Down().Select(TcScript.Render).ToArray(),
            Decoys = plan.Options.Decoys is { } d ? DecoyView.Of(d, day) : null,
            Source = plan,
        };
    }

    /// <summary>The plan for people: commands to run, comments to read.</summary>
    public IEnumerable<string> Lines()
    {
        var plan = Source!;
        var slot = plan.Defence.Shaper is { } shaper
            ? $" (this side sends the {(plan.Options.Role == CellRole.Gateway ? "upload" : "download")}: one {plan.Options.CellBytes}-byte cell for each {shaper.PacketBytes}-byte slot the simulation sends at {Units.FormatRate(shaper.BytesPerSecond(plan.Options.Role == CellRole.Gateway))})"
            : plan.Defence.Injection is not null ? " (no padding: packets and decoys leave at once, as cells)" : " (no padding: cells at line rate, to measure the data path)";
        yield return $"# plan: {Plan}{slot}";
        yield return $"# Cell path, {Side} side: {Tun}, then:";
        foreach (var c in Up)
        {
            yield return c;
        }

        yield return "# cells: " + Cells;
        if (Decoys is { } d)
        {
            foreach (var line in d.Lines())
            {
                yield return line;
            }
        }

        yield return "# down (also after a crash, from the state file):";
        foreach (var c in Down)
        {
            yield return c;
        }
    }
}

/// <summary>The decoys a gateway sends: what they copy, and one day's.</summary>
/// <param name="Copies">Per device, the real activity periods copied, in words.</param>
/// <param name="Day">The UTC day listed.</param>
/// <param name="Bursts">That day's decoys.</param>
public sealed record DecoyView(IReadOnlyList<string> Copies, string Day, IReadOnlyList<DecoyBurstView> Bursts)
{
    /// <summary>The view of <paramref name="plan"/> on <paramref name="day"/>.</summary>
    public static DecoyView Of(DecoyPlan plan, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new DecoyView(
            plan.Describe().ToArray(),
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            plan.Day(day).Select(b => new DecoyBurstView(b.Device.ToString(), b.Start.ToString("HH:mm:ss", CultureInfo.InvariantCulture), Units.WriteTimeOfDay(b.CopiedTimeOfDay), b.Up.Count, b.UpBytes, b.DownBytes)).ToArray());
    }

    /// <summary>For people.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var c in Copies)
        {
            yield return "# decoys copy " + c;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"# decoys on {Day} (UTC; each day is drawn from the seed and the day, so `up` sends these): {Bursts.Count}");
        foreach (var b in Bursts)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"#   {b.Start} {b.Device}: {b.Seconds} s, {b.UpBytes} B up, {b.DownBytes} B down (a copy of its activity at {b.Copies})");
        }
    }
}

/// <summary>One decoy as `plan` lists it.</summary>
/// <param name="Device">The device copied.</param>
/// <param name="Start">Its start, HH:mm:ss UTC.</param>
/// <param name="Copies">The time of day of the real activity it copies.</param>
/// <param name="Seconds">How long.</param>
/// <param name="UpBytes">Bytes up.</param>
/// <param name="DownBytes">Bytes down.</param>
public sealed record DecoyBurstView(string Device, string Start, string Copies, int Seconds, long UpBytes, long DownBytes);
