using System.CommandLine;

using Blinds.Cli.Commands;

namespace Blinds.Cli;

/// <summary>The whole command line of <c>blinds</c>: every command, the global options and the help examples.</summary>
/// <param name="Root">The root command to parse with.</param>
/// <param name="Strict">The global <c>--strict</c> option.</param>
internal sealed record CommandTree(RootCommand Root, Option<bool> Strict)
{
    /// <summary>Builds the tree. The tests parse the help examples against the same tree the program runs.</summary>
    public static CommandTree Create()
    {
        var root = new RootCommand("Blinds: what a network observer learns about a smart home from encrypted traffic metadata, and what it costs to stop it")
        {
            DemoCommand.Create(),
            SummaryCommand.Create(),
            RatesCommand.Create(),
            ExportCommand.Create(),
            LabCommand.Create(),
            FingerprintCommand.Create(),
            ActivityCommand.Create(),
            IdentifyCommand.Create(),
            SimulateCommand.Create(),
            FrontierCommand.Create(),
            ToleranceCommand.Create(),
            ShapeCommand.Create(),
            AuditCommand.Create(),
            BatchCommand.Create(),
            FlowsCommand.Create(),
            CollectCommand.Create(),
            LabelCommand.Create(),
        };

        var strict = new Option<bool>("--strict") { Description = "Treat a damaged or cut capture as an error (exit 3) instead of a warning", Recursive = true };
        root.Options.Add(strict);
        HelpExamples.AddTo(root);
        return new CommandTree(root, strict);
    }
}
