using System.Globalization;

using Blinds.Defences.Specs;
using Blinds.Defences.Stages;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// One knob of a defence swept over a range (paper 002's "privacy knob"): "rate=1KB/s..64KB/s", "up=..",
/// "down=..", "q=0.01..0.5", "per-day=1..8", "period=1s..30s", "spread=0.1..0.9", "size=", "queue=", "every=",
/// "jitter=". Each setting is the plan with one typed field changed (a <c>with</c> expression); the values are read
/// with the key's own grammar and range (<see cref="Units"/>). Wide positive ranges (a factor of 4 or more) are
/// stepped geometrically, others linearly.
/// </summary>
public sealed class Sweep
{
    private static readonly SweepKnob[] Knobs =
    [
        new("rate", SweepUnit.Rate, Units.Rate, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper!.WithRate(v) }),
        new("up", SweepUnit.Rate, Units.Rate, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { UpBytesPerSecond = v } }),
        new("down", SweepUnit.Rate, Units.Rate, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { DownBytesPerSecond = v } }),
        new("size", SweepUnit.Size, Units.SlotSize, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { PacketBytes = (int)Math.Round(v) } }),
        new("queue", SweepUnit.Size, Units.QueueSize, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { QueueBytes = (long)Math.Round(v) } }),
        new("jitter", SweepUnit.Number, Units.Probability, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { Jitter = v } }),
        new("spread", SweepUnit.Number, Units.Spread, p => p.Shaper is { Vit: true }, (p, v) => p with { Shaper = p.Shaper! with { Spread = v } }),
        new("period", SweepUnit.Duration, Units.Duration, p => p.Shaper is not null, (p, v) => p with { Shaper = p.Shaper! with { Period = Seconds(v) } }),
        new("q", SweepUnit.Number, Units.Probability, p => p.Injection is { Timing: InjectionTiming.Stochastic }, (p, v) => p with { Injection = p.Injection! with { Q = v } }),
        new("every", SweepUnit.Duration, Units.Duration, p => p.Injection is { Timing: InjectionTiming.Stochastic }, (p, v) => p with { Injection = p.Injection! with { Every = Seconds(v) } }),
        new("per-day", SweepUnit.Number, Units.PerDay, p => p.Injection is { Timing: InjectionTiming.Decoy }, (p, v) => p with { Injection = p.Injection! with { PerDay = v } }),
        new("jitter", SweepUnit.Duration, Units.Duration, p => p.Injection is { Timing: InjectionTiming.Decoy }, (p, v) => p with { Injection = p.Injection! with { Jitter = Seconds(v) } }),
    ];

    private readonly SweepKnob knob;

    private Sweep(SweepKnob knob, double low, double high, int points)
    {
        this.knob = knob;
        (Low, High, Points) = (low, high, points);
    }

    /// <summary>The key swept ("rate").</summary>
    public string Key => knob.Key;

    /// <summary>What the key measures.</summary>
    public SweepUnit Unit => knob.Unit;

    /// <summary>First value (bytes per second, bytes, seconds or a plain number).</summary>
    public double Low { get; }

    /// <summary>Last value.</summary>
    public double High { get; }

    /// <summary>Settings tried.</summary>
    public int Points { get; }

    /// <summary>The keys a sweep can vary.</summary>
    public static IEnumerable<string> Keys => Knobs.Select(k => k.Key).Distinct();

    /// <summary>
    /// Parses "key=low..high" for <paramref name="plan"/>: the key must be a field of one of its parts (rate needs a
    /// shaper, q an STP part...), both ends within the key's range. <see cref="FormatException"/> says what is wrong.
    /// </summary>
    public static Sweep Parse(string text, int points, DefencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(plan);
        if (points is < 2 or > 100)
        {
            throw new FormatException($"--points: 2 to 100, got {points}");
        }

        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (eq <= 0 || dots < eq)
        {
            throw new FormatException($"--sweep: expected key=low..high, got '{text}'");
        }

        var key = text[..eq].Trim().ToLowerInvariant();
        var (lowText, highText) = (text[(eq + 1)..dots].Trim(), text[(dots + 2)..].Trim());
        var named = Knobs.Where(k => k.Key == key).ToArray();
        if (named.Length == 0)
        {
            throw new FormatException($"--sweep: unknown key '{key}' ({string.Join(", ", Keys)})");
        }

        var takes = named.Where(k => k.Applies(plan)).ToArray();
        if (takes.Length == 0)
        {
            throw new FormatException($"--sweep: no part of '{plan}' takes {key}=");
        }

        FormatException? last = null;
        foreach (var k in takes)
        {
            try
            {
                var low = k.Read(lowText);
                var high = k.Read(highText);
                return high > low
                    ? new Sweep(k, low, high, points)
                    : throw new FormatException($"--sweep: {highText} is not above {lowText}");
            }
            catch (FormatException e)
            {
                last = e;
            }
        }

        throw new FormatException(last!.Message.StartsWith("--sweep", StringComparison.Ordinal) ? last.Message : "--sweep: " + last.Message);
    }

    /// <summary>The values, low to high, rounded to six significant digits (whole bytes, whole milliseconds) so each setting reads and prints cleanly.</summary>
    public IReadOnlyList<double> Values()
    {
        var geometric = Low > 0 && High / Low >= 4;
        return Enumerable.Range(0, Points).Select(i =>
        {
            var f = i / (double)(Points - 1);
            var v = i == 0 ? Low : i == Points - 1 ? High : geometric ? Low * Math.Pow(High / Low, f) : Low + ((High - Low) * f);
            return knob.Range.Check(Round(v), Key + "=", v.ToString(CultureInfo.InvariantCulture));
        }).ToArray();
    }

    /// <summary>A value as the spec language writes it ("2KB/s", "5s", "0.1").</summary>
    public string Format(double value) => Unit switch
    {
        SweepUnit.Rate => Units.WriteRate(value),
        SweepUnit.Size => Units.WriteSize(value),
        SweepUnit.Duration => Units.WriteDuration(Seconds(value)),
        _ => Units.WriteNumber(value),
    };

    /// <summary><paramref name="plan"/> with this knob's field at <paramref name="value"/>.</summary>
    public DefencePlan Apply(DefencePlan plan, double value)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return knob.Applies(plan) ? knob.Set(plan, value) : throw new FormatException($"--sweep: no part of '{plan}' takes {Key}=");
    }

    private double Round(double v) => Unit switch
    {
        SweepUnit.Size => Math.Round(v),
        SweepUnit.Duration => Math.Round(v, 3),
        _ => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    private static TimeSpan Seconds(double v) => TimeSpan.FromMilliseconds(Math.Round(v * 1e3));
}
