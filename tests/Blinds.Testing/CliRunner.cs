using System.Diagnostics;

namespace Blinds.Testing;

/// <summary>Runs the real blinds executable as a user would (a separate process), with a time limit.</summary>
public static class CliRunner
{
    /// <summary>Output of one run.</summary>
    /// <param name="ExitCode">Exit code.</param>
    /// <param name="Stdout">Standard output.</param>
    /// <param name="Stderr">Standard error.</param>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs `blinds ARGS` from the test's output folder (blinds.dll is copied there by the project reference).</summary>
    public static Result Run(string workingDirectory, params string[] args) => RunWith(new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>As <see cref="Run"/>, with <paramref name="environment"/> added to the process's environment.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "blinds.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["CI"] = "true";
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"blinds {string.Join(' ', args)} did not finish in 5 minutes");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
