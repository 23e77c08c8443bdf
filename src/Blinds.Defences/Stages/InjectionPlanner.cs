namespace Blinds.Defences.Stages;

/// <summary>
/// When decoys start (paper 004's "parallel realities"): for one UTC day, so many per device (its real activities a
/// day, or <see cref="InjectionOptions.PerDay"/>), each a copy of one of its real activity periods placed at that
/// period's time of day, jittered. The simulation (<see cref="InjectionStage"/>) and the live shaper plan with this
/// one method, so what is deployed is what was simulated.
/// </summary>
public sealed class InjectionPlanner
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long DayNs = 86_400_000_000_000L;

    private readonly InjectionOptions options;
    private readonly IReadOnlyList<KeyValuePair<int, ActivityProfile[]>> profiles;
    private readonly IReadOnlyDictionary<int, double> realPerDay;

    /// <summary>
    /// A planner over <paramref name="profiles"/> (real periods per device, in device order); <paramref name="realPerDay"/>
    /// is each device's real activities a day, the default count.
    /// </summary>
    public InjectionPlanner(InjectionOptions options, IReadOnlyList<KeyValuePair<int, ActivityProfile[]>> profiles, IReadOnlyDictionary<int, double> realPerDay)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(realPerDay);
        this.options = options;
        this.profiles = profiles;
        this.realPerDay = realPerDay;
    }

    /// <summary>
    /// The decoys of UTC day <paramref name="day"/> (days since the epoch), device by device: (the period copied, its
    /// start in ns since the epoch). The draws come from <paramref name="random"/> in a fixed order, so the same seed
    /// gives the same day; starts are not sorted.
    /// </summary>
    public List<(ActivityProfile Like, long AtNs)> Day(long day, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var list = new List<(ActivityProfile, long)>();
        foreach (var (device, periods) in profiles)
        {
            var perDay = options.PerDay ?? realPerDay.GetValueOrDefault(device);
            var count = (int)perDay + (random.NextDouble() < perDay - Math.Floor(perDay) ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                var like = periods[random.Next(periods.Length)];
                var jitter = (long)(((2 * random.NextDouble()) - 1) * options.Jitter.TotalNanoseconds);
                list.Add((like, (day * DayNs) + Math.Clamp(like.TimeOfDayNs + jitter, 0, DayNs - 1)));
            }
        }

        return list;
    }
}
