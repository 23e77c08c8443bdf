using System.CommandLine;

using Blinds.Cli.Commands;

namespace Blinds.Cli;

/// <summary>The whole command line of <c>blinds</c>: every command, the global options and the help examples.</summary>
/// <param name="Root">The root command to parse with.</param>
/// <param name="Strict">The global <c>--strict</c> option.</param>
internal sealed record CommandTree(RootCommand Root, Option<bool> Strict)
{
    private const string Description = "Blinds: what a network observer learns about a smart home from encrypted traffic metadata, and what it costs to stop it";

    // In the order the root help lists them.
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("demo", DemoCommand.Create),
        ("summary", SummaryCommand.Create),
        ("rates", RatesCommand.Create),
        ("export", ExportCommand.Create),
        ("lab", LabCommand.Create),
        ("fingerprint", FingerprintCommand.Create),
        ("activity", ActivityCommand.Create),
        ("identify", IdentifyCommand.Create),
        ("simulate", SimulateCommand.Create),
        ("frontier", FrontierCommand.Create),
        ("tolerance", ToleranceCommand.Create),
        ("shape", ShapeCommand.Create),
        ("audit", AuditCommand.Create),
        ("batch", BatchCommand.Create),
        ("flows", FlowsCommand.Create),
        ("collect", CollectCommand.Create),
        ("label", LabelCommand.Create),
    ];

    /// <summary>Builds the tree. The tests parse the help examples against the same tree the program runs.</summary>
    public static CommandTree Create() => Build(Commands.Select(c => c.Create()));

    /// <summary>
    /// The tree for one command line: when the first argument names a command, only that command's subtree is built
    /// (start-up: building all seventeen costs more than parsing), and <c>--version</c> alone needs none; anything
    /// else (root help, a typo to suggest for, a directive, a response file) gets the whole tree. Either way the
    /// invoked command parses the same.
    /// </summary>
    public static CommandTree For(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--version"])
        {
            return Build([]);
        }

        if (args.Count > 0)
        {
            foreach (var (name, create) in Commands)
            {
                if (string.Equals(args[0], name, StringComparison.Ordinal))
                {
                    return Build([create()]);
                }
            }
        }

        return Create();
    }

    /// <summary>The first-level command names, in help order.</summary>
    public static IEnumerable<string> Names => Commands.Select(c => c.Name);

    private static CommandTree Build(IEnumerable<Command> commands)
    {
        var root = new RootCommand(Description);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        var strict = new Option<bool>("--strict") { Description = "Treat a damaged or cut capture as an error (exit 3) instead of a warning", Recursive = true };
        root.Options.Add(strict);
        HelpExamples.AddTo(root);
        return new CommandTree(root, strict);
    }
}
