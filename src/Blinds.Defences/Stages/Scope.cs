namespace Blinds.Defences.Stages;

/// <summary>
/// Which traffic a defence applies to (paper 002 §8, "tunable traffic shaping"): chosen devices only, and only
/// during daily windows (UTC). Traffic outside the scope passes the stage untouched.
/// </summary>
public sealed record Scope
{
    /// <summary>Everything, all day.</summary>
    public static Scope All { get; } = new();

    /// <summary>Device indices in scope; null means every device.</summary>
    public IReadOnlySet<int>? Devices { get; init; }

    /// <summary>Daily windows (start, end) as times of day in UTC; empty means all day. A window may wrap midnight (22:00-06:00).</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan End)> Windows { get; init; } = [];

    /// <summary>True when the stage applies to <paramref name="device"/>'s packet at <paramref name="timeNs"/>.</summary>
    public bool Covers(int device, long timeNs) => (Devices is null || Devices.Contains(device)) && IsOn(timeNs);

    /// <summary>True when the defence is on at <paramref name="timeNs"/> (ns since the epoch).</summary>
    public bool IsOn(long timeNs)
    {
        if (Windows.Count == 0)
        {
            return true;
        }

        var day = TimeSpan.FromTicks(((timeNs / 100) % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay);
        foreach (var (start, end) in Windows)
        {
            if (start <= end ? day >= start && day < end : day >= start || day < end)
            {
                return true;
            }
        }

        return false;
    }
}
