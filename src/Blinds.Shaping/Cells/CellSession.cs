using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Blinds.Shaping.Cells;

/// <summary>
/// A running end of the cell path: checks everything before the first change, writes the state that undoes it,
/// creates the TUN device, routes the chosen traffic into it, runs the <see cref="CellLink"/> and writes its
/// counters every second; on SIGTERM/SIGINT it undoes everything and says what. When the TUN device is removed
/// under it, a fail-closed shaper leaves its blackhole in place (and the state for `down`), a fail-open one undoes.
/// </summary>
public sealed class CellSession(CellPlan plan, Action<string> log)
{
    /// <summary>Exit code when the path failed by itself (the TUN device removed): README's 5, the shaper degraded.</summary>
    public const int Failed = 5;

    /// <summary>Where the counters of a running path are written.</summary>
    public static string StatsPath(string tun) => Path.Combine(ShapeState.Directory, $"cells-{tun}.json");

    /// <summary>Checks, applies, runs until <paramref name="stop"/> or a signal, undoes.</summary>
    public int Run(CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var o = plan.Options;
        if (!Environment.IsPrivilegedProcess)
        {
            throw new ShapingException("the cell path must run as root: it creates a TUN device and routes");
        }

        if (ShapeState.Read(o.Tun) is { } old)
        {
            if (old.Alive())
            {
                throw new ShapingException($"{o.Tun} is already in use by Blinds pid {old.Pid} (since {old.Started:u}); run `blinds shape down --dev {o.Tun}` first");
            }

            log($"cleaning up after a shaper that did not end cleanly (pid {old.Pid})");
            Teardown.Undo(old, log);
        }

        if (Directory.Exists($"/sys/class/net/{o.Tun}"))
        {
            throw new ShapingException($"{o.Tun}: an interface of that name exists already; choose another --dev");
        }

        CheckLinkSpeed(o);
        var before = ShapeState.Take(plan.Snapshot());
        var state = new ShapeState
        {
            Pid = Environment.ProcessId,
            Device = o.Tun,
            Before = before,
            Undo = plan.Down(),
            Snapshot = plan.Snapshot(),
            Kind = "cells",
            Summary = $"cells {o.Role.ToString().ToLowerInvariant()} {o.CellBytes} B at {o.BytesPerSecond} B/s{(o.Spread > 0 ? $" vit ±{o.Spread}" : string.Empty)}, {(plan.FailClosed ? "fail-closed" : "fail-open")}",
            Started = DateTimeOffset.UtcNow,
        };
        state.Create();
        TunDevice? tun = null;
        CellLink? link = null;
        var keep = false;
        try
        {
            tun = TunDevice.Open(o.Tun);
            foreach (var c in plan.Up())
            {
                CommandRunner.Run(c);
            }

            link = new CellLink(o, tun);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
            link.Start();
            log($"cell path up on {o.Tun}: {plan.Describe()}; state {ShapeState.PathOf(o.Tun)}, counters {StatsPath(o.Tun)}");
            link.Wait(cancel.Token, () => WriteStats(link, o));
            link.Stop();
            WriteStats(link, o);
            if (link.Failure is { } why)
            {
                log(why);
                if (plan.FailClosed)
                {
                    keep = true;
                    log($"failing closed: the chosen traffic is blackholed until `blinds shape down --dev {o.Tun}`");
                    return Failed;
                }

                log("failing open: the routes into the cell path are removed, the chosen traffic takes the ordinary route unpadded");
                return Failed;
            }

            log($"stopping: {link.Queued} packets still queued are dropped; sent {link.RealCells} data, {link.CoverCells} cover and {link.DecoyCells} decoy cells ({link.DecoyBursts} decoys), {link.QueueDrops} packets dropped for a full queue");
            return 0;
        }
        finally
        {
            link?.Dispose();
            tun?.Dispose();
            if (!keep)
            {
                Teardown.Undo(state, log);
                var after = state.Current();
                log(after == before ? "routes, rules and links restored exactly as before" : $"warning: routes or links differ from before: now '{after}', was '{before}'");
            }
        }
    }

    private static void CheckLinkSpeed(CellOptions o)
    {
        // The interface the cells leave by: a rate it cannot carry would only queue and drop, so say so now.
        if (o.Peer is null || o.BytesPerSecond <= 0 || LinkSpeed.Toward(o.Peer.Address) is not { } device)
        {
            return;
        }

        try
        {
            LinkSpeed.Check(device, o.BytesPerSecond, "the rate");
        }
        catch (FormatException e)
        {
            throw new ShapingException(e.Message, e);
        }
    }

    private static void WriteStats(CellLink link, CellOptions o)
    {
        var path = StatsPath(o.Tun);
        var stats = new CellStats
        {
            Role = o.Role.ToString().ToLowerInvariant(),
            Tun = o.Tun,
            CellBytes = o.CellBytes,
            Rate = link.Rate,
            PacketsIn = link.PacketsIn,
            BytesIn = link.BytesIn,
            RealCells = link.RealCells,
            CoverCells = link.CoverCells,
            SendErrors = link.SendErrors,
            QueueDrops = link.QueueDrops,
            Queued = link.Queued,
            CellsIn = link.CellsIn,
            Rejected = link.Rejected,
            PacketsOut = link.PacketsOut,
            ReassemblyDrops = link.ReassemblyDrops,
            DecoyCells = link.DecoyCells,
            DecoyCellsIn = link.DecoyCellsIn,
            DecoyBursts = link.DecoyBursts,
            DecoyDrops = link.DecoyDrops,
            NextDecoy = link.NextDecoy,
            DelayMeanMs = link.Delays.MeanMs,
            DelayP50Ms = link.Delays.QuantileMs(0.5),
            DelayP95Ms = link.Delays.QuantileMs(0.95),
            DelayMaxMs = link.Delays.MaxMs,
            Updated = DateTimeOffset.UtcNow,
        };
        try
        {
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(stats, CellStats.Json));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException)
        {
            // Counters are for status; a full disk must not stop the path.
        }
    }
}
