namespace Blinds.Shaping;

/// <summary>How the shaped rate behaves over time.</summary>
public enum ShapeMode
{
    /// <summary>One rate, always (paper 002's implementation).</summary>
    Constant,

    /// <summary>Variable interval timing: the rate is redrawn every period from rate × [1 − spread, 1 + spread].</summary>
    Vit,
}
