namespace Blinds.Defences.Evaluation;

/// <summary>What a swept knob measures.</summary>
public enum SweepUnit
{
    /// <summary>Bytes per second ("10KB/s").</summary>
    Rate,

    /// <summary>Bytes ("512", "4MB").</summary>
    Size,

    /// <summary>A duration, in seconds ("5s").</summary>
    Duration,

    /// <summary>A plain number (q, per-day, spread, jitter).</summary>
    Number,
}
