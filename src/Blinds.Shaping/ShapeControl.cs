using System.Globalization;
using System.Text.Json;

using Blinds.Defences.Specs;
using Blinds.Shaping.Cells;

namespace Blinds.Shaping;

/// <summary>What `shape down` did: the line to print and whether the machine is as it was before `up`.</summary>
/// <param name="Line">One line for people.</param>
/// <param name="Restored">True when what `down` compares is the same as before `up`.</param>
public sealed record ShapeDownResult(string Line, bool Restored);

/// <summary>`shape status` of the rate-only shaper as a typed result.</summary>
public sealed record RateOnlyStatusView
{
    /// <summary>The interface.</summary>
    public required string Device { get; init; }

    /// <summary>running, degraded or unmanaged.</summary>
    public required string Health { get; init; }

    /// <summary>The shaper's process.</summary>
    public int? Pid { get; init; }

    /// <summary>True when it runs.</summary>
    public bool Running { get; init; }

    /// <summary>Its plan, in words.</summary>
    public string? Plan { get; init; }

    /// <summary>Rate leaving.</summary>
    public double BytesPerSecond { get; init; }

    /// <summary>Device bytes over the interval.</summary>
    public long DeviceBytes { get; init; }

    /// <summary>Cover bytes over the interval.</summary>
    public long CoverBytes { get; init; }

    /// <summary>Cover's share.</summary>
    public double CoverShare { get; init; }

    /// <summary>Device packets dropped so far.</summary>
    public long DeviceDrops { get; init; }

    /// <summary>Cover packets dropped so far (expected).</summary>
    public long CoverDrops { get; init; }

    /// <summary>Bytes queued.</summary>
    public long QueueBytes { get; init; }

    /// <summary>Packets queued.</summary>
    public long QueuePackets { get; init; }

    /// <summary>How long it measured.</summary>
    public double Seconds { get; init; }
}

/// <summary>`shape status` of a cell path end as a typed result.</summary>
/// <param name="Device">The TUN device.</param>
/// <param name="Pid">The shaper's process.</param>
/// <param name="Running">True when it runs.</param>
/// <param name="Plan">Its plan, in words.</param>
/// <param name="Counters">Its counters.</param>
public sealed record CellStatusView(string Device, int? Pid, bool Running, string? Plan, CellStats Counters);

/// <summary>`shape down` and `shape status`: undoing from the state file, and reading what a running shaper does.</summary>
public static class ShapeControl
{
    /// <summary>True when <paramref name="device"/> is a cell path end (its state or counters say so).</summary>
    public static bool IsCells(string device) => ShapeState.Read(device)?.Kind == "cells" || File.Exists(CellSession.StatsPath(device));

    /// <summary>Stops the shaper of <paramref name="device"/> and undoes what it changed, also after a crash.</summary>
    /// <exception cref="ShapingException">Blinds does not shape it (no state).</exception>
    public static ShapeDownResult Down(string device, Action<string> log)
    {
        var state = ShapeState.Read(device) ?? throw new ShapingException($"{device} is not shaped by Blinds (no state in {ShapeState.Directory})");
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
            Teardown.Undo(left, log);
        }

        var now = state.Current();
        return new ShapeDownResult(
            now == state.Before
                ? state.Kind == "cells" ? $"{device} removed; routes and rules restored exactly as before" : $"{device} restored: {now.Split('\n')[0]}"
                : $"{device} differs from before: now '{now}', was '{state.Before}'",
            now == state.Before);
    }

    /// <summary>The rate-only shaper of <paramref name="device"/> measured over <paramref name="interval"/>.</summary>
    public static RateOnlyStatusView RateOnlyStatus(string device, TimeSpan interval)
    {
        var state = ShapeState.Read(device);
        var s = ShapeStatus.Measure(device, interval);
        var health = ShapeStatus.Health(state);
        return new RateOnlyStatusView
        {
            Device = device,
            Health = health.ToString().ToLowerInvariant(),
            Pid = state?.Pid,
            Running = health == ShapeHealth.Running,
            Plan = state?.Summary,
            BytesPerSecond = s.BytesPerSecond,
            DeviceBytes = s.DeviceBytes,
            CoverBytes = s.CoverBytes,
            CoverShare = s.CoverShare,
            DeviceDrops = s.DeviceDrops,
            CoverDrops = s.CoverDrops,
            QueueBytes = s.DeviceBacklog,
            QueuePackets = s.DeviceQueued,
            Seconds = s.Seconds,
        };
    }

    /// <summary>The rate-only status for people.</summary>
    public static IEnumerable<string> Lines(RateOnlyStatusView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.Health == "degraded")
        {
            yield return $"{v.Device}: degraded: the shaper (pid {v.Pid}) is gone but its rules still limit the link, without cover; `blinds shape down --dev {v.Device}` restores it";
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"{v.Device}: {Units.FormatRate(v.BytesPerSecond)} leaving over {v.Seconds:0.#} s, cover {v.CoverShare:P0}; queue {Units.FormatBytes(v.QueueBytes)} ({v.QueuePackets} packets); dropped so far: {v.DeviceDrops} device packets, {v.CoverDrops} cover (expected){(v.Pid is null ? "; no Blinds state (set up by hand?)" : $"; pid {v.Pid} {(v.Running ? "running" : "gone")}: {v.Plan}")}");
    }

    /// <summary>The counters of the cell path end on <paramref name="tun"/>.</summary>
    /// <exception cref="ShapingException">No counters to read.</exception>
    public static CellStatusView CellStatus(string tun)
    {
        CellStats? s;
        try
        {
            s = JsonSerializer.Deserialize<CellStats>(File.ReadAllText(CellSession.StatsPath(tun)), CellStats.Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new ShapingException($"{CellSession.StatsPath(tun)}: no counters ({e.Message})", e);
        }

        var state = ShapeState.Read(tun);
        return new CellStatusView(tun, state?.Pid, state?.Alive() ?? false, state?.Summary, s ?? throw new ShapingException($"{CellSession.StatsPath(tun)}: empty"));
    }

    /// <summary>The cell path's status for people.</summary>
    public static string Line(CellStatusView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var s = v.Counters;
        return string.Create(CultureInfo.InvariantCulture,
            $"{v.Device} ({s.Role}, {(v.Running ? "running" : "not running")}): {s.RealCells} data + {s.CoverCells} cover + {s.DecoyCells} decoy cells of {s.CellBytes} B sent at {Units.FormatRate(s.Rate)}; {s.PacketsIn} packets in ({Units.FormatBytes(s.BytesIn)}), {s.Queued} queued, {s.QueueDrops} dropped (queue full), {s.SendErrors} send errors; delay p50 {s.DelayP50Ms:0.#} ms, p95 {s.DelayP95Ms:0.#} ms, max {s.DelayMaxMs:0.#} ms; {s.CellsIn} cells in, {s.PacketsOut} packets out, {s.Rejected} rejected, {s.ReassemblyDrops} lost in reassembly{(s.DecoyBursts > 0 || s.NextDecoy is not null ? $"; {s.DecoyBursts} decoys{(s.NextDecoy is { } n ? $", next at {n:u}" : string.Empty)}" : string.Empty)}");
    }
}
