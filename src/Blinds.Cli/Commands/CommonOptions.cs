using System.CommandLine;

namespace Blinds.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Captures()
    {
        var argument = new Argument<string[]>("CAPTURE")
        {
            Description = "Capture files (pcap or pcapng, plain or gzip/zstd/lz4-compressed; the format is read from the content, not the name)",
            Arity = ArgumentArity.OneOrMore,
        };

        // A list argument swallows unknown options ("--frobnicate") as file names; call them what they are.
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value))
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        return argument;
    }

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to stdout instead of tables" };
}
