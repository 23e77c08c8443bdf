using System.Globalization;

using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Shaping.Decoys;

/// <summary>
/// The decoys the gateway injects into the cell path (a plan's <c>decoy</c> part): the simulation's own
/// <see cref="ActivityProfile"/>s of the devices in scope, read from a capture of the home (<see cref="Simulator.Profiles"/>),
/// placed day by day by the simulation's <see cref="InjectionPlanner"/>, seeded by (seed, day) so that any day's decoys
/// can be printed by `plan` and are the same when `up` sends them.
/// </summary>
public sealed record DecoyPlan
{
    /// <summary>The decoy part as the plan wrote it.</summary>
    public required InjectionOptions Options { get; init; }

    /// <summary>When and for which devices decoys are sent.</summary>
    public required Scope Scope { get; init; }

    /// <summary>The home's devices (profile device indices point here).</summary>
    public required IReadOnlyList<MacAddress> Devices { get; init; }

    /// <summary>The real activity periods copied, per device index (devices in scope with at least one).</summary>
    public required IReadOnlyList<KeyValuePair<int, ActivityProfile[]>> Profiles { get; init; }

    /// <summary>Each device's real activities a day in the capture.</summary>
    public required IReadOnlyDictionary<int, double> RealPerDay { get; init; }

    /// <summary>Seed of the draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The capture the periods come from (file names, for the plan's text).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>
    /// The decoys of <paramref name="plan"/> for the home captured in <paramref name="trace"/> (read with 1 s series).
    /// </summary>
    /// <exception cref="FormatException">The plan has no decoy part, or the capture shows no activity to copy (one line).</exception>
    public static DecoyPlan From(DefencePlan plan, Trace trace, int seed, string source)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(trace);
        if (plan.Injection is not { Timing: InjectionTiming.Decoy } injection)
        {
            throw new FormatException("the plan has no decoy part");
        }

        var devices = trace.HomeDevices.Select(d => d.Mac).ToArray();
        var scope = plan.InjectionScope.Resolve(devices);
        var (profiles, perDay) = Simulator.Profiles(trace, devices);
        var chosen = profiles.GroupBy(p => p.Device)
            .Where(g => scope.Devices is null || scope.Devices.Contains(g.Key))
            .OrderBy(g => g.Key)
            .Select(g => KeyValuePair.Create(g.Key, g.ToArray()))
            .ToArray();
        if (chosen.Length == 0)
        {
            throw new FormatException($"decoy: {source} shows no activity of {(plan.InjectionScope.Devices is null ? "any device" : "the chosen devices")} to copy; decoys copy a device's real activity periods");
        }

        return new DecoyPlan { Options = injection, Scope = scope, Devices = devices, Profiles = chosen, RealPerDay = perDay, Seed = seed, Source = source };
    }

    /// <summary>The decoys of UTC day <paramref name="day"/>, in time order (those outside the plan's windows left out).</summary>
    public IReadOnlyList<DecoyBurst> Day(DateOnly day)
    {
        var index = day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var random = new Random(unchecked((Seed * 1_000_003) + index));
        return new InjectionPlanner(Options, Profiles, RealPerDay).Day(index, random)
            .Where(x => Scope.IsOn(x.AtNs))
            .OrderBy(x => x.AtNs)
            .Select(x => new DecoyBurst(Devices[x.Like.Device], DateTimeOffset.UnixEpoch.AddTicks(x.AtNs / 100), TimeSpan.FromTicks(x.Like.TimeOfDayNs / 100), x.Like.Up, x.Like.Down))
            .ToArray();
    }

    /// <summary>The decoys that start at or after <paramref name="from"/> and before <paramref name="until"/>, in time order.</summary>
    public IEnumerable<DecoyBurst> Between(DateTimeOffset from, DateTimeOffset until)
    {
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < until; day = day.AddDays(1))
        {
            foreach (var b in Day(day))
            {
                if (b.Start >= from && b.Start < until)
                {
                    yield return b;
                }
            }
        }
    }

    /// <summary>What is copied, in words (for `plan`).</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var (device, periods) in Profiles)
        {
            var perDay = Options.PerDay ?? RealPerDay.GetValueOrDefault(device);
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{Devices[device]}: {periods.Length} real activity period(s) in {Source} ({periods.Min(p => p.Up.Length)}–{periods.Max(p => p.Up.Length)} s, {Formatting(periods.Average(p => p.Up.Sum()))} up and {Formatting(periods.Average(p => p.Down.Sum()))} down on average); {perDay:0.##} decoys a day at their times of day ± {Units.WriteDuration(Options.Jitter)}");
        }
    }

    private static string Formatting(double bytes) => Units.FormatRate(bytes)[..^2];
}
