using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;

namespace Blinds.Defences.Stages;

/// <summary>
/// Injects cover activity that looks like real activity: each period replays one of the device's real activity
/// periods (its bytes per second, to its service), at times that do not depend on the device's real traffic:
/// stochastic padding (a chance at every opportunity) or decoys (at plausible times of day). Real packets pass
/// untouched. Seeded: the same seed gives the same periods.
/// </summary>
public sealed class InjectionStage : DefenceStage
{
    private const int MaxPayload = 1448;
    private const int Headers = 66; // Ethernet + IPv4 + TCP with timestamps: what a real data segment carries
    private readonly InjectionOptions options;
    private readonly Scope scope;
    private readonly CostMeter cost;
    private readonly Random random;
    private readonly Dictionary<int, ActivityProfile[]> profiles;
    private readonly Dictionary<int, double> realPerDay;
    private readonly PriorityQueue<WirePacket, (long, long)> pending = new();
    private readonly Dictionary<int, long> busyUntil = [];
    private long order;
    private long nextOpportunity = long.MinValue;
    private long plannedDay = long.MinValue;
    private InjectionPlanner? planner;

    /// <summary>
    /// Creates the stage. <paramref name="profiles"/> are the real periods to copy, per device; devices without any
    /// get no cover. <paramref name="realPerDay"/> is each device's real activities per day (decoys default to it).
    /// </summary>
    public InjectionStage(InjectionOptions options, Scope scope, CostMeter cost, IReadOnlyList<ActivityProfile> profiles, IReadOnlyDictionary<int, double> realPerDay, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(realPerDay);
        this.options = options;
        this.scope = scope;
        this.cost = cost;
        random = new Random(seed);
        this.profiles = profiles.GroupBy(p => p.Device).Where(g => scope.Devices is null || scope.Devices.Contains(g.Key)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.ToArray());
        this.realPerDay = new Dictionary<int, double>(realPerDay);
    }

    /// <summary>Periods injected so far.</summary>
    public int Periods { get; private set; }

    /// <inheritdoc/>
    public override void Push(in WirePacket packet) => Next.Push(packet);

    /// <inheritdoc/>
    public override void AdvanceTo(long timeNs)
    {
        Plan(timeNs);
        while (pending.TryPeek(out var p, out _) && p.TimeNs <= timeNs)
        {
            pending.Dequeue();
            cost.Overhead(p.Device, OverheadKind.Injected, p.Up, p.Bytes);
            Next.AdvanceTo(p.TimeNs);
            Next.Push(p);
        }

        Next.AdvanceTo(timeNs);
    }

    /// <inheritdoc/>
    public override void Finish(long endNs)
    {
        AdvanceTo(endNs);
        pending.Clear(); // periods running past the capture's end are cut there, like the capture
        Next.Finish(endNs);
    }

    private void Plan(long untilNs)
    {
        if (profiles.Count == 0)
        {
            return;
        }

        if (options.Timing == InjectionTiming.Stochastic)
        {
            var every = (long)options.Every.TotalNanoseconds;
            if (nextOpportunity == long.MinValue)
            {
                nextOpportunity = untilNs;
            }

            for (; nextOpportunity <= untilNs; nextOpportunity += every)
            {
                foreach (var (device, list) in profiles)
                {
                    // One draw per device and opportunity whatever happens, so the schedule is the seed's alone.
                    var start = random.NextDouble() < options.Q;
                    var pick = random.Next(list.Length);
                    if (start && scope.IsOn(nextOpportunity) && busyUntil.GetValueOrDefault(device, long.MinValue) <= nextOpportunity)
                    {
                        Start(list[pick], nextOpportunity);
                    }
                }
            }

            return;
        }

        // Decoys: each UTC day is planned once, a day ahead, so that no decoy lands before the time already reached.
        var today = Math.DivRem(untilNs, InjectionPlanner.DayNs, out var rem) - (rem < 0 ? 1 : 0);
        if (plannedDay == long.MinValue)
        {
            plannedDay = today - 1;
        }

        planner ??= new InjectionPlanner(options, [.. profiles], realPerDay);
        while (plannedDay < today + 1)
        {
            plannedDay++;
            foreach (var (like, at) in planner.Day(plannedDay, random))
            {
                if (at >= untilNs && scope.IsOn(at))
                {
                    Start(like, at);
                }
            }
        }
    }

    private void Start(ActivityProfile profile, long at)
    {
        Periods++;
        busyUntil[profile.Device] = at + (profile.Up.Length * 1_000_000_000L);
        for (var s = 0; s < profile.Up.Length; s++)
        {
            Packets(profile, at + (s * 1_000_000_000L), profile.Up[s], up: true);
            Packets(profile, at + (s * 1_000_000_000L), profile.Down[s], up: false);
        }
    }

    private void Packets(ActivityProfile profile, long secondStart, long bytes, bool up)
    {
        var count = (int)((bytes + MaxPayload + Headers - 1) / (MaxPayload + Headers));
        for (var i = 0; i < count; i++)
        {
            var size = (int)Math.Min(MaxPayload + Headers, bytes - ((long)i * (MaxPayload + Headers)));
            var t = secondStart + (i * 1_000_000_000L / Math.Max(1, count));
            pending.Enqueue(new WirePacket(t, size, up, profile.Remote, profile.Device, PacketRole.Cover, t), (t, order++));
        }
    }
}
