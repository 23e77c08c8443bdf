namespace Blinds.Cli;

/// <summary>A failure with a one-line message for the user and an exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Reads a user's input file: file-system and format problems become one-line input errors (exit 2).</summary>
    public static T GuardInput<T>(Func<T> read)
    {
        try
        {
            return Guard(ExitCodes.InputError, read);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }

    /// <summary>Runs <paramref name="action"/>, turning file-system failures into one-line errors with <paramref name="exitCode"/>.</summary>
    public static T Guard<T>(int exitCode, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (IOException e)
        {
            throw new CliException(exitCode, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(exitCode, e.Message);
        }
    }
}
