using System.Runtime.InteropServices;

namespace Blinds.Shaping;

/// <summary>
/// A running shaper: applies the plan (after writing the state that undoes it), keeps the cover going, redraws the
/// VIT rate, follows the schedule, and on SIGTERM, SIGINT or any failure undoes everything it changed.
/// </summary>
public sealed class ShapeSession
{
    private readonly ShapePlan plan;
    private readonly Action<string> log;
    private readonly Random random;
    private double rate;

    /// <summary>Prepares a session; <paramref name="seed"/> drives the VIT draws.</summary>
    public ShapeSession(ShapePlan plan, Action<string> log, int seed = 1)
    {
        this.plan = plan ?? throw new ArgumentNullException(nameof(plan));
        this.log = log ?? throw new ArgumentNullException(nameof(log));
        random = new Random(seed);
        rate = plan.BytesPerSecond;
    }

    /// <summary>The interface's qdiscs as `tc qdisc show` prints them.</summary>
    public static string Qdiscs(string device) => CommandRunner.Run(["tc", "qdisc", "show", "dev", device]).Trim();

    /// <summary>Applies the plan, then runs until <paramref name="stop"/> or a signal; always undoes what it applied.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new ShapingException("blinds shape up must run as root: it changes the interface's queueing discipline");
        }

        if (!Directory.Exists($"/sys/class/net/{plan.Device}"))
        {
            throw new ShapingException($"{plan.Device}: no such network interface");
        }

        if (ShapeState.Read(plan.Device) is { } old)
        {
            if (old.Alive())
            {
                throw new ShapingException($"{plan.Device} is already shaped by pid {old.Pid} (since {old.Started:u}); run `blinds shape down --dev {plan.Device}` first");
            }

            log($"cleaning up after a shaper that did not end cleanly (pid {old.Pid})");
            Teardown.Undo(old, log);
        }

        var before = Qdiscs(plan.Device);
        if (!IsDefault(before))
        {
            throw new ShapingException($"{plan.Device} already has a root qdisc set up by someone else ({before.Split('\n')[0]}); Blinds only replaces the kernel's default, so that `down` can restore it exactly");
        }

        var scheduler = Scheduler.Prio;
        var state = Apply(before, ref scheduler);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
        var cover = new CoverGenerator(plan.CoverTo, plan.CoverPort, plan.CoverPacketBytes);
        try
        {
            log($"shaping {plan.Device} at {Defences.Specs.Units.FormatRate(plan.BytesPerSecond)} ({plan.Mode.ToString().ToLowerInvariant()}, {scheduler.ToString().ToLowerInvariant()} scheduler), cover to {plan.CoverTo}; state {ShapeState.PathOf(plan.Device)}");
            var generator = cover.RunAsync(() => On(DateTimeOffset.UtcNow) ? Math.Max(rate, plan.BytesPerSecond * (1 + plan.Spread)) * plan.CoverFactor : 0, cancel.Token);
            await Control(scheduler, cancel.Token).ConfigureAwait(false);
            await generator.ConfigureAwait(false);
        }
        finally
        {
            Teardown.Undo(state, log);
            var after = Qdiscs(plan.Device);
            log(after == before ? $"{plan.Device} restored: {after.Split('\n')[0]}" : $"warning: {plan.Device} differs from before: now '{after}', was '{before}'");
        }

        return 0;
    }

    /// <summary>True when the root qdisc is the one the kernel gives (handle 0:), which deleting ours brings back.</summary>
    public static bool IsDefault(string qdiscShow)
    {
        ArgumentNullException.ThrowIfNull(qdiscShow);
        var root = qdiscShow.Split('\n').FirstOrDefault(l => l.Contains(" root", StringComparison.Ordinal)) ?? string.Empty;
        var parts = root.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && (parts[2] == "0:" || parts[1] is "noqueue" or "pfifo_fast" or "mq" or "fq_codel") && !qdiscShow.Contains("ingress", StringComparison.Ordinal);
    }

    private ShapeState Apply(string before, ref Scheduler scheduler)
    {
        foreach (var s in new[] { Scheduler.Prio, Scheduler.Htb })
        {
            var state = new ShapeState
            {
                Pid = Environment.ProcessId,
                Device = plan.Device,
                Before = before,
                Undo = TcScript.Down(plan),
                Summary = $"{plan.Mode} {plan.BytesPerSecond} B/s, cover to {plan.CoverTo}",
                Scheduler = s,
                Started = DateTimeOffset.UtcNow,
            };
            state.Create();
            try
            {
                foreach (var c in TcScript.Up(plan, s))
                {
                    CommandRunner.Run(c);
                }

                scheduler = s;
                return state;
            }
            catch (ShapingException e) when (s == Scheduler.Prio && e.Message.Contains("qdisc kind is unknown", StringComparison.Ordinal))
            {
                log("this kernel has no PRIO qdisc (sch_prio): using HTB class priorities instead");
                Teardown.Undo(state, _ => { });
            }
            catch
            {
                Teardown.Undo(state, log);
                throw;
            }
        }

        throw new ShapingException("unreachable");
    }

    private async Task Control(Scheduler scheduler, CancellationToken cancel)
    {
        var on = true;
        while (!cancel.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var wanted = On(now);
            if (wanted != on)
            {
                on = wanted;
                Set(on ? plan.BytesPerSecond : double.NaN, scheduler);
                log(on ? "schedule: shaping on" : "schedule: shaping off until the next window");
            }

            if (on && plan.Mode == ShapeMode.Vit)
            {
                rate = plan.BytesPerSecond * (1 + (plan.Spread * ((2 * random.NextDouble()) - 1)));
                Set(rate, scheduler);
            }

            try
            {
                await Task.Delay(plan.Mode == ShapeMode.Vit ? plan.Period : TimeSpan.FromSeconds(10), cancel).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    // Off: the class runs at line rate (no shaping, no cover); the HTB stays, so switching is one atomic change.
    private void Set(double bytesPerSecond, Scheduler scheduler)
    {
        var r = double.IsNaN(bytesPerSecond) ? 1.25e9 : bytesPerSecond;
        foreach (var c in TcScript.ChangeRate(plan, r, scheduler))
        {
            CommandRunner.Run(c);
        }
    }

    private bool On(DateTimeOffset now)
    {
        if (plan.Schedule.Count == 0)
        {
            return true;
        }

        var t = now.UtcDateTime.TimeOfDay;
        return plan.Schedule.Any(w => w.Start <= w.End ? t >= w.Start && t < w.End : t >= w.Start || t < w.End);
    }
}
