namespace Blinds.Cli;

/// <summary>A failure with a one-line message for the user and an exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
