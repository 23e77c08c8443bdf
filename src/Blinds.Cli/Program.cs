using System.CommandLine;

using Blinds.Cli;
using Blinds.Cli.Commands;

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
};

var strict = new Option<bool>("--strict") { Description = "Treat a damaged or cut capture as an error (exit 3) instead of a warning", Recursive = true };
root.Options.Add(strict);

try
{
    var parsed = root.Parse(args);
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
