using System.Diagnostics;

namespace Blinds.Shaping;

/// <summary>Runs tc, ip and iptables; a failure becomes a <see cref="ShapingException"/> naming the command and the tool's first line of complaint.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="argv"/> and returns its standard output.</summary>
    public static string Run(string[] argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(info) ?? throw new ShapingException($"{argv[0]}: could not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ShapingException($"{argv[0]}: not found ({e.Message}); install {(argv[0] == "iptables" ? "iptables" : "iproute2")}", e);
        }

        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                var why = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {p.ExitCode}";
                throw new ShapingException($"`{TcScript.Render(argv)}` failed: {why}");
            }

            return stdout.Result;
        }
    }
}
