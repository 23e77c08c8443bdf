using System.Globalization;

namespace Blinds.Defences.Specs;

/// <summary>
/// The values a key accepts, both ends included: rates in bytes per second, sizes in bytes, durations in seconds.
/// Zero, negative, infinite and overflowing values all fall outside and get the same one-line error.
/// </summary>
/// <param name="Min">Smallest value accepted.</param>
/// <param name="Max">Largest value accepted.</param>
/// <param name="Kind">What is measured, for the error text.</param>
public sealed record UnitRange(double Min, double Max, UnitKind Kind)
{
    /// <summary>The range in words: "from 1 B/s to 1 GB/s".</summary>
    public string Describe() => $"from {Show(Min)} to {Show(Max)}";

    /// <summary><paramref name="value"/> when inside; else the error naming <paramref name="key"/>.</summary>
    public double Check(double value, string key, string written) =>
        Contains(value) ? value : throw OutOfRange(key, written);

    /// <summary>True when <paramref name="value"/> is inside.</summary>
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;

    /// <summary>The error for a value that reads but lies outside.</summary>
    public FormatException OutOfRange(string key, string written) => new($"{key} must be {Describe()}, got '{written}'");

    /// <summary>The error for a value that does not read at all.</summary>
    public FormatException Error(string key, string written) => new($"{key} must be {Noun()} {Describe()}, got '{written}'");

    private string Noun() => Kind switch
    {
        UnitKind.Rate => "a rate such as 10KB/s or 80kbit/s",
        UnitKind.Size => "a size such as 512 or 4MB",
        UnitKind.Duration => "a duration such as 500ms, 5s, 30m, 2h or 1d",
        _ => "a number",
    };

    private string Show(double v) => Kind switch
    {
        UnitKind.Rate => v >= 1e9 ? (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB/s" : Units.FormatRate(v),
        UnitKind.Size => ShowSize(v),
        UnitKind.Duration => v switch
        {
            >= 86_400 => (v / 86_400).ToString("0.##", CultureInfo.InvariantCulture) + " d",
            >= 1 => v.ToString("0.##", CultureInfo.InvariantCulture) + " s",
            _ => (v * 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        },
        _ => v.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    // Whole units where the value is one ("1 PB", "4 MB"), else bytes ("65,535 B").
    private static string ShowSize(double v)
    {
        foreach (var (unit, factor) in new[] { ("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3) })
        {
            if (v >= factor && v % factor == 0)
            {
                return (v / factor).ToString("0", CultureInfo.InvariantCulture) + " " + unit;
            }
        }

        return v.ToString("#,0.##", CultureInfo.InvariantCulture) + " B";
    }
}
