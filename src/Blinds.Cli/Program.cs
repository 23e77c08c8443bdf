using System.CommandLine;

using Blinds.Cli;

var (root, strict) = CommandTree.For(args);

try
{
    // A parse error is one line with a hint, not the whole help (shell completion, the [suggest] directive, still works).
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
    {
        Terminal.Error(ParseErrors.OneLine(parsed));
        return ExitCodes.Usage;
    }

    TraceLoader.Strict = parsed.GetValue(strict);

    // Our handler, not System.CommandLine's: it would print a stack trace.
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException e)
{
    Terminal.Error(e.Message);
    return e.ExitCode;
}
#pragma warning disable CA1031 // The last line of defence: a bug becomes one line, not a stack trace (BLINDS_DEBUG=1 shows it).
catch (Exception e)
#pragma warning restore CA1031
{
    Terminal.Error($"internal error: {e.GetType().Name}: {e.Message} (please report; BLINDS_DEBUG=1 shows details)");
    if (Environment.GetEnvironmentVariable("BLINDS_DEBUG") == "1")
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.Internal;
}
