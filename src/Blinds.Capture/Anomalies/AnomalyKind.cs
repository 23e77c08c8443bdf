namespace Blinds.Capture.Anomalies;

/// <summary>Why something could not be read as it should.</summary>
public enum AnomalyKind
{
    /// <summary>The bytes ran out: snap length, a cut file. What is there is right, there is just less of it.</summary>
    Truncated,
    /// <summary>The bytes are wrong: a length that cannot be, a loop, a value out of range.</summary>
    Malformed,
    /// <summary>Well formed but not something Blinds decodes (an unknown link type, an encrypted frame).</summary>
    Unsupported,
}
