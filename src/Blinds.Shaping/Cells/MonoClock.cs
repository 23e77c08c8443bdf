namespace Blinds.Shaping.Cells;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds, and sleeping until an absolute time on it: cells leave on their schedule's
/// times, not "interval after the last one", so the timer's slack never accumulates.
/// </summary>
public static class MonoClock
{
    /// <summary>Now, nanoseconds on the monotonic clock.</summary>
    public static long Now()
    {
        Native.ClockGetTime(Native.ClockMonotonic, out var t);
        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    /// <summary>Sleeps until <paramref name="timeNs"/> (returns at once when it has passed).</summary>
    public static void SleepUntil(long timeNs)
    {
        var spec = new Native.TimeSpec { Seconds = timeNs / 1_000_000_000L, Nanoseconds = timeNs % 1_000_000_000L };
        while (Native.ClockNanosleep(Native.ClockMonotonic, Native.TimerAbsTime, spec, 0) == Native.EIntr)
        {
            // A signal woke it early: the deadline is absolute, so sleeping again is exact.
        }
    }
}
