using Blinds.Capture.Anomalies;

namespace Blinds.Traffic;

/// <summary>
/// Decides which packet times are data and which are noise. Any station on the LAN chooses its own clock and a
/// capture file's stamps are just bytes, so one packet stamped 1970 or 2106 must not stretch every series, plot and
/// simulation over a century. A packet is kept when its time lies within <see cref="MaxDistance"/> of the capture's
/// bulk (the median of its first packets) and, when the bulk is a plausible time, between 1990 and now + a day;
/// others are counted as
/// <see cref="TimeOutlier"/> and left out of everything but the file's packet and byte totals. The kept span is
/// therefore at most twice <see cref="MaxDistance"/> whatever the file says.
/// </summary>
public sealed class TimeGuard
{
    /// <summary>Counted for every packet left out because of its time.</summary>
    public static readonly Anomaly TimeOutlier = Anomaly.Declare("time_outlier", AnomalyKind.Malformed, "a packet stamped more than 183 days from the capture's bulk or, when the bulk lies between 1990 and now, before 1990 or after now + 1 day; counted in the file's totals only, left out of devices, series and simulations");

    /// <summary>How many first packets choose the bulk's time.</summary>
    public const int PreludePackets = 64;

    /// <summary>Farthest a kept packet may be from the bulk's time.</summary>
    public static readonly TimeSpan MaxDistance = TimeSpan.FromDays(183);

    private static readonly long EarliestNs = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private readonly long latestNs;
    private long lowNs = long.MinValue;
    private long highNs = long.MaxValue;

    /// <summary>Creates a guard whose "now" is <paramref name="nowNs"/> (ns since the epoch).</summary>
    public TimeGuard(long nowNs)
    {
        latestNs = nowNs > long.MaxValue - TimeSpan.TicksPerDay * 100 ? long.MaxValue : nowNs + (TimeSpan.TicksPerDay * 100);
    }

    /// <summary>True once the bulk's time is known.</summary>
    public bool Anchored { get; private set; }

    /// <summary>The bulk's time (ns), once anchored.</summary>
    public long AnchorNs { get; private set; }

    /// <summary>True when <paramref name="ns"/> could be a real packet time at all (1990 to now + 1 day).</summary>
    public bool Plausible(long ns) => ns >= EarliestNs && ns <= latestNs;

    /// <summary>
    /// Fixes the bulk's time from the first packets' times: the median of the plausible ones, so that a few stamps
    /// from 1970 or 2106 cannot move it; when none is plausible (a clockless device's capture, all in 1970), the
    /// median of them all, and then only the distance rule applies.
    /// </summary>
    public void Anchor(ReadOnlySpan<long> firstTimesNs)
    {
        if (Anchored || firstTimesNs.IsEmpty)
        {
            return;
        }

        // Plain loops and an insertion sort of the (at most PreludePackets) times: LINQ and Array.Sort over long are
        // framework generics JIT-compiled at every start, for 64 numbers.
        var plausible = new List<long>(firstTimesNs.Length);
        foreach (var t in firstTimesNs)
        {
            if (Plausible(t))
            {
                plausible.Add(t);
            }
        }

        var basis = plausible.Count > 0 ? plausible.ToArray() : firstTimesNs.ToArray();
        if (basis.Length > 256)
        {
            Array.Sort(basis);
        }

        for (var i = 1; i < basis.Length; i++)
        {
            var t = basis[i];
            var j = i;
            for (; j > 0 && basis[j - 1] > t; j--)
            {
                basis[j] = basis[j - 1];
            }

            basis[j] = t;
        }

        AnchorNs = basis[basis.Length / 2];
        var d = MaxDistance.Ticks * 100;
        lowNs = AnchorNs < long.MinValue + d ? long.MinValue : AnchorNs - d;
        highNs = AnchorNs > long.MaxValue - d ? long.MaxValue : AnchorNs + d;
        if (plausible.Count > 0)
        {
            lowNs = Math.Max(EarliestNs, lowNs);
            highNs = Math.Min(latestNs, highNs);
        }

        Anchored = true;
    }

    /// <summary>True when a packet at <paramref name="ns"/> is kept.</summary>
    public bool Keep(long ns)
    {
        if (!Anchored)
        {
            Anchor([ns]);
        }

        return ns >= lowNs && ns <= highNs;
    }
}
