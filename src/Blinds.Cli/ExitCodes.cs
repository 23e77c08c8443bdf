namespace Blinds.Cli;

/// <summary>Process exit codes (documented in README.md; scripts depend on them).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;
    /// <summary>Bad arguments (System.CommandLine's own parse errors also exit 1).</summary>
    public const int Usage = 1;
    /// <summary>An input could not be read: missing, unreadable, or not a capture.</summary>
    public const int InputError = 2;
    /// <summary>An input is damaged: reading stopped early at a malformed record; results cover what came before.</summary>
    public const int InputDamaged = 3;
    /// <summary>An output could not be written, or already exists (Blinds never overwrites).</summary>
    public const int OutputError = 4;
    /// <summary>The shaper is degraded: `shape status` finds its rules without its process; the cell path ended when its TUN device was removed.</summary>
    public const int Degraded = 5;
    /// <summary>A bug in Blinds.</summary>
    public const int Internal = 70;
}
