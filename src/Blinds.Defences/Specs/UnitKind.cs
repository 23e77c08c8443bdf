namespace Blinds.Defences.Specs;

/// <summary>What a <see cref="UnitRange"/> measures, so its errors say it in the user's terms.</summary>
public enum UnitKind
{
    /// <summary>Bytes per second ("10KB/s").</summary>
    Rate,

    /// <summary>Bytes ("4MB").</summary>
    Size,

    /// <summary>A duration, kept in seconds ("5s").</summary>
    Duration,

    /// <summary>A plain number (a probability, a count).</summary>
    Number,
}
