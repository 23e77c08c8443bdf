using Blinds.Reports.Audit;

namespace Blinds.Reports.Batch;

/// <summary>What `blinds batch` runs: the homes' folder, the new lake, how many homes at once, the audit's settings.</summary>
/// <param name="HomesDir">One sub-folder per home.</param>
/// <param name="Lake">The lake's folder: new or empty, never written over.</param>
public sealed record BatchRequest(string HomesDir, string Lake)
{
    /// <summary>Homes audited at once (each holds its own trace); at least 1.</summary>
    public int Jobs { get; init; } = DefaultJobs;

    /// <summary>Budget, data plan, clock and tolerances, the same for every home.</summary>
    public AuditSettings Settings { get; init; } = new();

    /// <summary>A home whose capture is damaged (cut or corrupt) fails instead of being audited on what was read.</summary>
    public bool Strict { get; init; }

    /// <summary>
    /// The default number of homes at once: one per core the process may use, but no more than one per 2 GiB of the
    /// memory it may use (an audit's trace grows with the capture's active seconds: bench/AUDIT.md).
    /// </summary>
    public static int DefaultJobs
    {
        get
        {
            var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            var byMemory = memory <= 0 ? Environment.ProcessorCount : (int)Math.Min(int.MaxValue, memory / (2L << 30));
            return Math.Max(1, Math.Min(Environment.ProcessorCount, byMemory));
        }
    }
}
