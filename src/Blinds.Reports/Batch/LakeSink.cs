using Blinds.Reports.Export;
using Blinds.Traffic;

namespace Blinds.Reports.Batch;

/// <summary>
/// The tables `blinds export` writes (<see cref="TableSink"/>: the same schemas, credentials redacted), for one
/// home, into its day partitions of the lake: <c>home=NAME/day=yyyy-mm-dd/TABLE.parquet</c>.
/// </summary>
public sealed class LakeSink : TableSink
{
    private readonly Partitions partitions;

    /// <summary>Writes under <paramref name="homeDir"/> (the home's <c>home=NAME</c> folder).</summary>
    public LakeSink(string homeDir)
        : this(new Partitions(homeDir))
    {
    }

    private LakeSink(Partitions partitions)
        : base(partitions, showSecrets: false) => this.partitions = partitions;

    /// <summary>The home's folder.</summary>
    public string HomeDir => partitions.HomeDir;

    /// <summary>
    /// Writes the devices table (the whole capture's stations, in the partition of its first day) and an empty file
    /// for each table that had no row, so that every table has at least one file per home.
    /// </summary>
    public void Finish(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        WriteDevices(trace);
        partitions.EnsureFiles(LakePartitions.DayFolder(trace.FirstNs ?? 0));
    }

    // Every table of the home split by day (LakeTable), remembered so that Finish can give each one a file.
    private sealed class Partitions(string homeDir) : ITableOpener
    {
        private readonly List<Action<string>> ensure = [];

        public string HomeDir { get; } = string.IsNullOrEmpty(homeDir) ? throw new ArgumentException("a home folder is needed", nameof(homeDir)) : homeDir;

        public ITableWriter<TRow> Open<TRow>(TableSchema<TRow> schema, Func<TRow, long> time)
        {
            var table = new LakeTable<TRow>(schema, HomeDir, time, ownerOnly: false);
            ensure.Add(table.EnsureFile);
            return table;
        }

        public void EnsureFiles(string day)
        {
            foreach (var e in ensure)
            {
                e(day);
            }
        }
    }
}
