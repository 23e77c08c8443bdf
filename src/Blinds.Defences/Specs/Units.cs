using System.Globalization;

namespace Blinds.Defences.Specs;

/// <summary>Rates, sizes and durations as people write them: decimal units, as the papers use (7.5 KB/s ≈ 19 GB a month).</summary>
public static class Units
{
    private static readonly (string Suffix, double Factor)[] RateUnits =
    [
        ("gbit/s", 1e9 / 8), ("mbit/s", 1e6 / 8), ("kbit/s", 1e3 / 8), ("bit/s", 1.0 / 8),
        ("gb/s", 1e9), ("mb/s", 1e6), ("kb/s", 1e3), ("b/s", 1),
    ];

    private static readonly (string Suffix, double Factor)[] SizeUnits =
    [
        ("tib", 1L << 40), ("gib", 1L << 30), ("mib", 1L << 20), ("kib", 1L << 10),
        ("tb", 1e12), ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("b", 1),
    ];

    /// <summary>Bytes per second from "10KB/s", "80kbit/s", "1.5MB/s", "512B/s".</summary>
    public static bool TryParseRate(string text, out double bytesPerSecond) => TryParse(text, RateUnits, out bytesPerSecond);

    /// <summary>Bytes from "4MB", "1TB", "512", "64KiB".</summary>
    public static bool TryParseSize(string text, out double bytes) =>
        TryParse(text, SizeUnits, out bytes) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bytes);

    /// <summary>A duration from "500ms", "10s", "5m", "2h", "1d".</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var t = text.Trim().ToLowerInvariant();
        (string, double)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];
        foreach (var (suffix, seconds) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            {
                duration = TimeSpan.FromSeconds(v * seconds);
                return true;
            }
        }

        return false;
    }

    /// <summary>A rate for people: "10 KB/s", "512 B/s".</summary>
    public static string FormatRate(double bytesPerSecond) => bytesPerSecond switch
    {
        >= 1e6 => (bytesPerSecond / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB/s",
        >= 1e3 => (bytesPerSecond / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " KB/s",
        _ => bytesPerSecond.ToString("0.##", CultureInfo.InvariantCulture) + " B/s",
    };

    private static bool TryParse(string text, (string Suffix, double Factor)[] units, out double value)
    {
        value = 0;
        var t = text.Trim().ToLowerInvariant();
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
            {
                value = v * factor;
                return true;
            }
        }

        return false;
    }
}
