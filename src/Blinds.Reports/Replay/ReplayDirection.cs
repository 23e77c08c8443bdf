namespace Blinds.Reports.Replay;

/// <summary>Which of a capture's packets <c>lab replay</c> sends.</summary>
public enum ReplayDirection
{
    /// <summary>What the home's devices send to the internet.</summary>
    Up,

    /// <summary>What the internet sends to them.</summary>
    Down,

    /// <summary>Both.</summary>
    Both,
}
