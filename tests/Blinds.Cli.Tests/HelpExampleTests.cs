using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Every command's help ends with examples, and every example parses against the real command tree.</summary>
public class HelpExampleTests
{
    [Fact]
    public void Every_command_has_examples_and_none_is_left_over()
    {
        var tree = CommandTree.Create();
        var leaves = HelpExamples.Leaves(tree.Root, string.Empty).Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(leaves.Order(StringComparer.Ordinal), HelpExamples.ByCommand.Keys.Order(StringComparer.Ordinal));
        Assert.All(HelpExamples.Leaves(tree.Root, string.Empty), l => Assert.Contains("Examples:\n  blinds " + l.Path, l.Command.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_example_parses_without_errors_into_its_own_command()
    {
        var tree = CommandTree.Create();
        foreach (var (path, examples) in HelpExamples.ByCommand)
        {
            foreach (var example in examples)
            {
                var words = ShellWords(example);
                Assert.Equal("blinds", words[0]);
                var parsed = tree.Root.Parse(words.Skip(1).ToArray());
                Assert.True(parsed.Errors.Count == 0, $"{example}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
                var names = new List<string>();
                for (var r = parsed.CommandResult; r.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
                {
                    names.Insert(0, r.Command.Name);
                }

                Assert.Equal(path, string.Join(' ', names));
            }
        }
    }

    [Fact]
    public void Help_prints_the_examples()
    {
        var r = CliRunner.Run(Environment.CurrentDirectory, "simulate", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("blinds simulate home.pcapng --defence tunnel", r.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Splits a command line as a POSIX shell would for the quoting the examples use (single and double quotes).</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        foreach (var c in line)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
