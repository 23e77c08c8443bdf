using System.Globalization;

namespace Blinds.Reports;

/// <summary>Shared number and time formats for people (text) and machines (ISO-8601, invariant culture).</summary>
public static class Formatting
{
    /// <summary>ISO-8601 UTC with nanoseconds as the capture holds them.</summary>
    public static string Time(long ns)
    {
        var seconds = Math.DivRem(ns, 1_000_000_000L, out var frac);
        if (frac < 0)
        {
            seconds--;
            frac += 1_000_000_000L;
        }

        var dt = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return dt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "." + frac.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    /// <summary>UTC DateTime (100 ns ticks) for libraries that want one.</summary>
    public static DateTime DateTime(long ns) => System.DateTime.UnixEpoch.AddTicks(ns / 100);

    /// <summary>Bytes with binary units: 1.5 MiB.</summary>
    public static string Bytes(long bytes) => Defences.Specs.Units.FormatBytes(bytes);

    /// <summary>Thousands-separated integer.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal: 0.123 → "12.3%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
