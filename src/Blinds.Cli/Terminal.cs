using Spectre.Console;

namespace Blinds.Cli;

/// <summary>Where output goes: tables and JSON to stdout, progress and errors to stderr, so pipes get only data.</summary>
/// <remarks>
/// The Spectre consoles are created on first use, not with the class: errors, warnings, the progress checks and
/// <c>--json</c> never need them, and creating one (terminal detection, colour profile, Spectre's own generics to
/// JIT-compile) was most of what <c>summary --json</c> paid for Spectre at start-up.
/// </remarks>
internal static class Terminal
{
    /// <summary>The width of output that is not a terminal (files and pipes have none; 80 would fold every domain name).</summary>
    public const int RedirectedWidth = 200;

    private static IAnsiConsole? output;
    private static IAnsiConsole? error;

    public static IAnsiConsole Out
    {
        get => output ??= CreateOut();
        set => output = value;
    }

    // Spectre decides interactivity from stdout; the progress bar lives on stderr, so say it from stderr's state.
    public static IAnsiConsole Err
    {
        get => error ??= AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = Console.IsErrorRedirected ? InteractionSupport.No : InteractionSupport.Yes,
        });
        set => error = value;
    }

    /// <summary>True when a person watches stderr (progress bars make sense).</summary>
    public static bool Interactive => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>BLINDS_PROGRESS=plain: progress as lines on stderr (percent, rate, time left) for logs, whatever stderr is.</summary>
    public static bool PlainProgress => string.Equals(Environment.GetEnvironmentVariable("BLINDS_PROGRESS"), "plain", StringComparison.OrdinalIgnoreCase);

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    public static void Error(string message) => Console.Error.WriteLine($"blinds: error: {message}");

    public static void Warning(string message) => Console.Error.WriteLine($"blinds: warning: {message}");

    /// <summary>A step of a long command, on stderr when a person watches (pipes and CI get nothing).</summary>
    public static void Progress(string step)
    {
        if (Interactive || PlainProgress)
        {
            var elapsed = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
            Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"blinds: [{elapsed.TotalSeconds:0.0} s, heap {GC.GetTotalMemory(false) >> 20} MB] {step}..."));
        }
    }
}
