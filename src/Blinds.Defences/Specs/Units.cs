using System.Globalization;
using System.Text.RegularExpressions;

namespace Blinds.Defences.Specs;

/// <summary>
/// The one grammar for rates, sizes, durations, probabilities, counts and times of day, as people write them:
/// decimal units, as the papers use (7.5 KB/s ≈ 19 GB a month). A number is digits with an optional fraction and
/// exponent ("10", "2.5", "1e3"); words such as "Infinity" or "NaN" are not numbers. Every value has a range
/// (<see cref="UnitRange"/>): outside it, or unreadable, the Parse methods throw one <see cref="FormatException"/>
/// naming the key, the range and what was written, before any work is done. docs/defences.md lists the ranges.
/// </summary>
public static partial class Units
{
    /// <summary>Rates: 1 B/s to 1 GB/s (below, one 512-byte slot every 8.5 minutes; above, more than any home link).</summary>
    public static UnitRange Rate { get; } = new(1, 1e9, UnitKind.Rate);

    /// <summary>Sizes in general (data caps, blocks): 1 B to 1 PB.</summary>
    public static UnitRange Size { get; } = new(1, 1e15, UnitKind.Size);

    /// <summary>A shaper's slot: 64 to 65,535 bytes (an IP packet's largest).</summary>
    public static UnitRange SlotSize { get; } = new(64, 65_535, UnitKind.Size);

    /// <summary>A shaper's queue per direction: 1 KB to 1 GB.</summary>
    public static UnitRange QueueSize { get; } = new(1e3, 1e9, UnitKind.Size);

    /// <summary>Durations: 1 ms to 30 days.</summary>
    public static UnitRange Duration { get; } = new(1e-3, 30 * 86_400, UnitKind.Duration);

    /// <summary>Probabilities: 0 to 1.</summary>
    public static UnitRange Probability { get; } = new(0, 1, UnitKind.Number);

    /// <summary>VIT spread: 0 to 0.9 (at 1 the drawn rate could be 0 and the next slot never come).</summary>
    public static UnitRange Spread { get; } = new(0, 0.9, UnitKind.Number);

    /// <summary>Decoys a device a day: 0 to 1,000.</summary>
    public static UnitRange PerDay { get; } = new(0, 1_000, UnitKind.Number);

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

    // Ticks per unit, so that durations are exact: "1.5s" is 15,000,000 ticks, not a double's neighbour.
    private static readonly (string Suffix, long Ticks)[] DurationUnits =
    [
        ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour), ("d", TimeSpan.TicksPerDay),
    ];

    // How the canonical printer writes: the shortest exact form among these (the written names people read).
    private static readonly (string Suffix, double Factor)[] RateNames = [("GB/s", 1e9), ("MB/s", 1e6), ("KB/s", 1e3), ("B/s", 1)];

    private static readonly (string Suffix, double Factor)[] SizeNames =
        [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), (string.Empty, 1)];

    /// <summary>Bytes per second from "10KB/s", "80kbit/s", "1.5MB/s", "512B/s"; false when unreadable (no range check).</summary>
    public static bool TryParseRate(string text, out double bytesPerSecond) => TryParse(text, RateUnits, bare: false, out bytesPerSecond);

    /// <summary>Bytes from "4MB", "1TB", "512", "64KiB"; false when unreadable (no range check).</summary>
    public static bool TryParseSize(string text, out double bytes) => TryParse(text, SizeUnits, bare: true, out bytes);

    /// <summary>A duration from "500ms", "10s", "5m", "2h", "1d"; false when unreadable or beyond what a TimeSpan holds (no range check).</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = default;
        var t = text.Trim().ToLowerInvariant();
        foreach (var (suffix, ticks) in DurationUnits)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(t[..^suffix.Length].Trim(), out var v))
            {
                var total = v * ticks;
                if (!double.IsFinite(total) || Math.Abs(total) >= TimeSpan.MaxValue.Ticks)
                {
                    return false;
                }

                // Decimal arithmetic keeps written fractions exact ("0.1s" is exactly a million ticks).
                duration = decimal.TryParse(t[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var dec)
                    ? TimeSpan.FromTicks((long)Math.Round(dec * ticks, MidpointRounding.AwayFromZero))
                    : TimeSpan.FromTicks((long)Math.Round(total));
                return true;
            }
        }

        return false;
    }

    /// <summary>A rate within <paramref name="range"/> (default <see cref="Rate"/>); <paramref name="key"/> names it in the error.</summary>
    public static double ParseRate(string text, string key, UnitRange? range = null)
    {
        range ??= Rate;
        return TryParseRate(text, out var v) ? range.Check(v, key, text) : throw range.Error(key, text);
    }

    /// <summary>A size within <paramref name="range"/> (default <see cref="Size"/>).</summary>
    public static double ParseSize(string text, string key, UnitRange? range = null)
    {
        range ??= Size;
        return TryParseSize(text, out var v) ? range.Check(v, key, text) : throw range.Error(key, text);
    }

    /// <summary>A duration within <paramref name="range"/> (default <see cref="Duration"/>).</summary>
    public static TimeSpan ParseDuration(string text, string key, UnitRange? range = null)
    {
        range ??= Duration;
        if (TryParseDuration(text, out var d))
        {
            range.Check(d.TotalSeconds, key, text);
            return d;
        }

        // Readable but beyond a TimeSpan ("1e30d"): out of range, not unreadable.
        var t = text.Trim().ToLowerInvariant();
        throw DurationUnits.Any(u => t.EndsWith(u.Suffix, StringComparison.Ordinal) && TryNumber(t[..^u.Suffix.Length].Trim(), out _))
            ? range.OutOfRange(key, text)
            : range.Error(key, text);
    }

    /// <summary>A plain number within <paramref name="range"/>.</summary>
    public static double ParseNumber(string text, string key, UnitRange range)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(range);
        return TryNumber(text.Trim(), out var v) ? range.Check(v, key, text) : throw range.Error(key, text);
    }

    /// <summary>A time of day "HH:MM" from 00:00 to 24:00.</summary>
    public static bool TryParseTimeOfDay(string text, out TimeSpan time)
    {
        ArgumentNullException.ThrowIfNull(text);
        time = default;
        var m = TimeOfDayPattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        var (h, min) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        if (h > 24 || min > 59 || (h == 24 && min != 0))
        {
            return false;
        }

        time = new TimeSpan(h, min, 0);
        return true;
    }

    /// <summary>A time of day as <see cref="TryParseTimeOfDay"/> reads it ("06:00", "24:00").</summary>
    public static string WriteTimeOfDay(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");

    /// <summary>A rate for people: "10 KB/s", "512 B/s".</summary>
    public static string FormatRate(double bytesPerSecond) => bytesPerSecond switch
    {
        >= 1e6 => (bytesPerSecond / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB/s",
        >= 1e3 => (bytesPerSecond / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " KB/s",
        _ => bytesPerSecond.ToString("0.##", CultureInfo.InvariantCulture) + " B/s",
    };

    /// <summary>Bytes for people, in binary units: "512 B", "1.5 MiB".</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = bytes;
        var u = 0;
        while (Math.Abs(v) >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B") : v.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[u];
    }

    /// <summary>A rate as the spec language writes it, exactly: <see cref="TryParseRate"/> reads back the same double ("10KB/s", "2500.5B/s").</summary>
    public static string WriteRate(double bytesPerSecond) => WriteExact(bytesPerSecond, RateNames, RateUnits);

    /// <summary>A size as the spec language writes it, exactly ("4MiB", "512", "1TB").</summary>
    public static string WriteSize(double bytes) => WriteExact(bytes, SizeNames, SizeUnits);

    /// <summary>A duration as the spec language writes it, exactly ("5s", "30m", "1500ms", "0.0000001s" for a tick).</summary>
    public static string WriteDuration(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        foreach (var (suffix, per) in DurationUnits.Reverse())
        {
            if (ticks % per == 0)
            {
                return (ticks / per).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return ((decimal)ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>
    /// <paramref name="value"/> rounded up to <paramref name="digits"/> significant digits (86,123 → 87,000 for 2), for
    /// recommendations: never below what was found, and short to write.
    /// </summary>
    public static double RoundUp(double value, int digits)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            return value;
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(value)) - digits + 1);
        var steps = Math.Ceiling(Math.Round(value / unit, 9));
        // Multiplying by a fractional power of ten is inexact; dividing by its inverse is not for whole-number results.
        return unit >= 1 ? steps * unit : steps / Math.Round(1 / unit);
    }

    /// <summary>A plain number, exactly (shortest round-trip form).</summary>
    public static string WriteNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string WriteExact(double value, (string Suffix, double Factor)[] names, (string Suffix, double Factor)[] units)
    {
        string? best = null;
        foreach (var (suffix, factor) in names)
        {
            var text = (value / factor).ToString("R", CultureInfo.InvariantCulture) + suffix;
            if (TryParse(text, units, bare: true, out var back) && back.Equals(value) && (best is null || text.Length < best.Length))
            {
                best = text;
            }
        }

        // B/s and bare bytes always read back exactly (the factor is 1), so best is set.
        return best!;
    }

    private static bool TryParse(string text, (string Suffix, double Factor)[] units, bool bare, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        var t = text.Trim().ToLowerInvariant();
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && TryNumber(t[..^suffix.Length].Trim(), out var v))
            {
                value = v * factor;
                return true;
            }
        }

        return bare && TryNumber(t, out value);
    }

    // Digits, an optional fraction and exponent, an optional minus (so "-5KB/s" is out of range rather than unreadable).
    private static bool TryNumber(string text, out double value)
    {
        value = 0;
        return NumberPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayPattern();
}
