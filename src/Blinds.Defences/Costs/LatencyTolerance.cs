using Blinds.Attacks.Kinds;


namespace Blinds.Defences.Costs;

/// <summary>How much added per-packet delay a device still works with.</summary>
/// <param name="MeanSeconds">Mean over its packets.</param>
/// <param name="MaxSeconds">Its worst packet.</param>
/// <param name="Example">Where the figure comes from.</param>
public sealed record Tolerance(double MeanSeconds, double MaxSeconds, string? Example);

/// <summary>
/// Latency tolerances by device kind (paper 002 §7.3, Fig. 9), shipped from the paper and replaceable by a user's file
/// of the same shape. A device "breaks" under a defence when its mean or worst delay exceeds its kind's, or a packet of
/// its is dropped.
/// </summary>
public sealed class LatencyTolerance
{
    private readonly Dictionary<DeviceKind, Tolerance> kinds;

    private LatencyTolerance(Dictionary<DeviceKind, Tolerance> kinds, Tolerance fallback, string source) => (this.kinds, Default, Source) = (kinds, fallback, source);

    /// <summary>For kinds the table does not list.</summary>
    public Tolerance Default { get; }

    /// <summary>Where the figures come from.</summary>
    public string Source { get; }

    /// <summary>The table shipped with Blinds (paper 002 Fig. 9).</summary>
    public static LatencyTolerance Papers()
    {
        using var s = TableFile.Shipped("latency.json");
        return Read(s, "latency.json");
    }

    /// <summary>Reads a user's table; <see cref="FormatException"/> names the file.</summary>
    public static LatencyTolerance Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var s = File.OpenRead(path);
        return Read(s, path);
    }

    /// <summary>The same table with every delay multiplied by <paramref name="factor"/>: for owners who accept slower devices (a camera's video later, a plug's switch a second later).</summary>
    public LatencyTolerance Scaled(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        Tolerance Scale(Tolerance t) => t with { MeanSeconds = t.MeanSeconds * factor, MaxSeconds = t.MaxSeconds * factor };
        return new LatencyTolerance(kinds.ToDictionary(kv => kv.Key, kv => Scale(kv.Value)), Scale(Default), $"{Source} × {factor}");
    }

    /// <summary>The tolerance of a kind of device.</summary>
    public Tolerance For(DeviceKind kind) => kinds.TryGetValue(kind, out var t) ? t : Default;

    /// <summary>True when <paramref name="line"/>'s delays and drops are within what <paramref name="kind"/> tolerates.</summary>
    public bool Tolerates(DeviceCostLine line, DeviceKind kind)
    {
        ArgumentNullException.ThrowIfNull(line);
        var t = For(kind);
        return line.Drops == 0 && line.DelayMean <= t.MeanSeconds && line.DelayMax <= t.MaxSeconds;
    }

    private static LatencyTolerance Read(Stream stream, string path)
    {
        var file = TableFile.Read<FileDto>(stream, path);
        if (file.Kinds is not { Count: > 0 } || file.Default is null)
        {
            throw new FormatException($"{path}: needs kinds and a default");
        }

        Tolerance Check(string name, EntryDto e) => e.MeanSeconds > 0 && e.MaxSeconds >= e.MeanSeconds
            ? new Tolerance(e.MeanSeconds, e.MaxSeconds, e.Example)
            : throw new FormatException($"{path}: '{name}' needs mean_seconds > 0 and max_seconds ≥ mean_seconds");
        return new LatencyTolerance(
            file.Kinds.ToDictionary(kv => TableFile.Kind(kv.Key, path), kv => Check(kv.Key, kv.Value)),
            Check("default", file.Default),
            file.Source ?? path);
    }

    private sealed class FileDto
    {
        public string? Source { get; set; }

        public Dictionary<string, EntryDto>? Kinds { get; set; }

        public EntryDto? Default { get; set; }
    }

    private sealed class EntryDto
    {
        public double MeanSeconds { get; set; }

        public double MaxSeconds { get; set; }

        public string? Example { get; set; }
    }
}
