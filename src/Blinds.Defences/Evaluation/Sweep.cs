using System.Globalization;

using Blinds.Defences.Specs;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// One knob of a defence swept over a range (paper 002's "privacy knob"): "rate=1KB/s..64KB/s", "q=0.01..0.5",
/// "per-day=1..8". Wide positive ranges (a factor of 4 or more) are stepped geometrically, others linearly.
/// </summary>
public sealed record Sweep(string Key, double Low, double High, int Points, SweepUnit Unit)
{
    /// <summary>Parses "key=low..high"; <see cref="FormatException"/> says what is wrong.</summary>
    public static Sweep Parse(string text, int points)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (points is < 2 or > 100)
        {
            throw new FormatException("--points: 2 to 100");
        }

        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (eq <= 0 || dots < eq)
        {
            throw new FormatException($"--sweep: expected key=low..high, got '{text}'");
        }

        var key = text[..eq].Trim().ToLowerInvariant();
        var (lowText, highText) = (text[(eq + 1)..dots].Trim(), text[(dots + 2)..].Trim());
        foreach (var unit in Enum.GetValues<SweepUnit>())
        {
            if (TryValue(lowText, unit, out var low) && TryValue(highText, unit, out var high))
            {
                return high > low
                    ? new Sweep(key, low, high, points, unit)
                    : throw new FormatException($"--sweep: {highText} is not above {lowText}");
            }
        }

        throw new FormatException($"--sweep: '{lowText}' and '{highText}' are not two rates, sizes, durations or numbers of one kind");
    }

    /// <summary>The values, low to high.</summary>
    public IReadOnlyList<double> Values()
    {
        var geometric = Low > 0 && High / Low >= 4;
        return Enumerable.Range(0, Points).Select(i =>
        {
            var f = i / (double)(Points - 1);
            return geometric ? Low * Math.Pow(High / Low, f) : Low + ((High - Low) * f);
        }).ToArray();
    }

    /// <summary>A value as the spec language writes it.</summary>
    public string Format(double value) => Unit switch
    {
        SweepUnit.Rate => value.ToString("0.###", CultureInfo.InvariantCulture) + "B/s",
        SweepUnit.Duration => value.ToString("0.###", CultureInfo.InvariantCulture) + "s",
        _ => value.ToString("0.#####", CultureInfo.InvariantCulture),
    };

    /// <summary>The plan with this knob at <paramref name="value"/>: the key is set on the last part of <paramref name="spec"/> that takes it.</summary>
    public DefencePlan Apply(string spec, double value)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        FormatException? last = null;
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            var p = parts[i];
            var colon = p.IndexOf(':', StringComparison.Ordinal);
            var kept = colon < 0 ? [] : p[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(kv => !kv.StartsWith(Key + "=", StringComparison.OrdinalIgnoreCase)).ToArray();
            var name = colon < 0 ? p : p[..colon];
            var rewritten = name + ":" + string.Join(",", kept.Append($"{Key}={Format(value)}"));
            var candidate = string.Join("+", parts.Select((x, j) => j == i ? rewritten : x));
            try
            {
                return DefenceSpec.Parse(candidate);
            }
            catch (FormatException e)
            {
                last = e;
            }
        }

        throw new FormatException($"--sweep: no part of '{spec}' takes {Key}= ({last?.Message})");
    }

    private static bool TryValue(string text, SweepUnit unit, out double value)
    {
        value = 0;
        switch (unit)
        {
            case SweepUnit.Rate:
                return text.Contains('/', StringComparison.Ordinal) && Units.TryParseRate(text, out value);
            case SweepUnit.Duration:
                if (Units.TryParseDuration(text, out var d) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    value = d.TotalSeconds;
                    return true;
                }

                return false;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0;
        }
    }
}

/// <summary>What a swept knob measures.</summary>
public enum SweepUnit
{
    /// <summary>Bytes per second ("10KB/s").</summary>
    Rate,

    /// <summary>A duration ("5s").</summary>
    Duration,

    /// <summary>A plain number (q, per-day, size in bytes).</summary>
    Number,
}
