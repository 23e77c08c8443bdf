using System.CommandLine;

namespace Blinds.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Captures() => new("CAPTURE")
    {
        Description = "Capture files (pcap, pcapng, optionally gzip-compressed; the format is read from the content, not the name)",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to stdout instead of tables" };
}
