using System.CommandLine;

namespace Blinds.Cli;

/// <summary>
/// A parse error as one line: what is wrong, the nearest command or option when a word looks mistyped ("did you
/// mean"), and where the help is. System.CommandLine would print the whole help, which buries the one line that matters.
/// </summary>
internal static class ParseErrors
{
    public static string OneLine(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        // "Unrecognized command or argument 'sumary'" says more than "Required command was not provided".
        var message = (parsed.Errors.FirstOrDefault(e => e.Message.Contains('\'', StringComparison.Ordinal)) ?? parsed.Errors[0]).Message.TrimEnd('.');
        var unknown = parsed.UnmatchedTokens.Concat(parsed.Errors.SelectMany(e => Quoted(e.Message))).FirstOrDefault();
        var suggestion = unknown is null ? null : Nearest(unknown, command);
        var path = string.Join(' ', Path(command));
        return $"{message}{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")} (see '{path} --help')";
    }

    private static IEnumerable<string> Quoted(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end > start + 1)
        {
            yield return message[(start + 1)..end];
        }
    }

    private static List<string> Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            names.Insert(0, s is RootCommand ? "blinds" : s.Name);
        }

        return names;
    }

    // The closest subcommand or option name within two edits (or one the word begins), so "sumary" finds "summary".
    private static string? Nearest(string word, Command command)
    {
        var candidates = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));
        return candidates
            .Select(c => (Name: c, Distance: Distance(word, c)))
            .Where(c => c.Distance <= Math.Max(2, word.Length / 4) || (word.Length >= 3 && c.Name.StartsWith(word, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name).FirstOrDefault();
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
