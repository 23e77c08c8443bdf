using Blinds.Reports;

namespace Blinds.Cli.Commands;

/// <summary>What every `blinds shape` subcommand shares on its way out: JSON or lines, and the Linux-only guard.</summary>
internal static class ShapeOutput
{
    /// <summary>Writes <paramref name="value"/> as JSON, or its lines.</summary>
    internal static void Render<T>(bool json, T value, IEnumerable<string> lines)
    {
        if (json)
        {
            Json.WriteToStdout(value);
            return;
        }

        foreach (var line in lines)
        {
            Console.Out.WriteLine(line);
        }
    }

    internal static void LinuxOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new CliException(ExitCodes.Usage, "blinds shape runs on Linux gateways only (tc, ip, TUN)");
        }
    }
}
