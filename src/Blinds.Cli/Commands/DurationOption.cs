using Blinds.Defences.Specs;

namespace Blinds.Cli.Commands;

/// <summary>Durations given as options (--bin, --tolerance, --duration): the one grammar and range of <see cref="Units"/>, one line when wrong.</summary>
internal static class DurationOption
{
    /// <summary>The duration <paramref name="text"/> gives for <paramref name="option"/>; <paramref name="example"/> shows what is expected.</summary>
    public static TimeSpan Parse(string text, string option, string example) =>
        Units.TryParseDuration(text, out var d) && Units.Duration.Contains(d.TotalSeconds)
            ? d
            : throw new CliException(ExitCodes.Usage, $"{option}: '{text}' is not a positive duration (expected e.g. {example}; {Units.Duration.Describe()})");
}
