namespace Blinds.Shaping;

/// <summary>A shaping step that could not be done, with a one-line reason for the user.</summary>
public sealed class ShapingException : Exception
{
    /// <summary>Creates one.</summary>
    public ShapingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates one with its cause.</summary>
    public ShapingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates one without a message (for serializers).</summary>
    public ShapingException()
    {
    }
}
