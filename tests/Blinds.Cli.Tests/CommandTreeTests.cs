using System.CommandLine;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// The program builds only the invoked command's subtree (start-up); it must parse, fail and print help exactly as
/// the whole tree does.
/// </summary>
public class CommandTreeTests
{
    [Fact]
    public void The_lazy_table_names_every_command_of_the_whole_tree_in_order()
    {
        var full = CommandTree.Create();
        Assert.Equal(full.Root.Subcommands.Select(c => c.Name), CommandTree.Names);
    }

    [Fact]
    public void A_command_line_naming_a_command_builds_only_that_command()
    {
        var tree = CommandTree.For(["summary", "x.pcap"]);
        Assert.Equal(["summary"], tree.Root.Subcommands.Select(c => c.Name));
        Assert.Equal(CommandTree.Names.Count(), CommandTree.For(["--help"]).Root.Subcommands.Count);
        Assert.Equal(CommandTree.Names.Count(), CommandTree.For(["summry"]).Root.Subcommands.Count);
        Assert.Equal(CommandTree.Names.Count(), CommandTree.For([]).Root.Subcommands.Count);
    }

    [Fact]
    public void Every_command_and_subcommand_prints_the_same_help_from_its_own_tree()
    {
        var full = CommandTree.Create();
        foreach (var (path, _) in HelpExamples.Leaves(full.Root, string.Empty))
        {
            var words = path.Split(' ').Append("--help").ToArray();
            Assert.Equal(Help(full, words), Help(CommandTree.For(words), words));
        }
    }

    [Fact]
    public void Version_alone_builds_no_command_and_prints_the_same()
    {
        string[] args = ["--version"];
        var tree = CommandTree.For(args);
        Assert.Empty(tree.Root.Subcommands);
        Assert.Equal(Help(CommandTree.Create(), args), Help(tree, args));
        Assert.Contains("0.", Help(tree, args), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary", "--frobnicate", "x.pcap")]
    [InlineData("summary", "--top", "many", "x.pcap")]
    [InlineData("summary")]
    [InlineData("lab", "generat")]
    [InlineData("simulate", "x.pcap", "--strict", "--defence")]
    public void Errors_are_the_same_as_with_the_whole_tree(params string[] args)
    {
        var expected = CommandTree.Create().Root.Parse(args).Errors.Select(e => e.Message);
        var actual = CommandTree.For(args).Root.Parse(args).Errors.Select(e => e.Message);
        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_global_strict_option_binds_in_a_lazy_tree()
    {
        string[] args = ["summary", "--strict", "x.pcap"];
        var tree = CommandTree.For(args);
        var parsed = tree.Root.Parse(args);
        Assert.Empty(parsed.Errors);
        Assert.True(parsed.GetValue(tree.Strict));
    }

    private static string Help(CommandTree tree, string[] args)
    {
        using var output = new StringWriter();
        tree.Root.Parse(args).Invoke(new InvocationConfiguration { Output = output, EnableDefaultExceptionHandler = false });
        return output.ToString();
    }
}
