using Blinds.Reports.Export;

namespace Blinds.Reports.Batch;

/// <summary>
/// One table of one home, split by day into <c>day=…/TABLE.parquet</c>. Rows come nearly in time order (flows when
/// they end, a little later than they start), so only the <see cref="MaxOpen"/> days used last stay open, each with
/// a bounded row group; a row for a day already closed starts a further file in that day's folder
/// (<c>TABLE.1.parquet</c>, ...), which readers of the folder take as more rows of the same table.
/// </summary>
/// <typeparam name="TRow">Row type.</typeparam>
internal sealed class LakeTable<TRow> : ITableWriter<TRow>
{
    /// <summary>Days open at once per table.</summary>
    public const int MaxOpen = 2;

    /// <summary>Rows buffered per column before a row group is written.</summary>
    public const int RowGroupSize = 16_384;

    private readonly TableSchema<TRow> schema;
    private readonly string homeDir;
    private readonly Func<TRow, long> time;
    private readonly bool ownerOnly;
    private readonly Dictionary<string, (ParquetTableWriter<TRow> Writer, long Used)> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> parts = new(StringComparer.Ordinal);
    private long clock;

    /// <summary>A table of <paramref name="homeDir"/>, each row going to the day of its <paramref name="time"/> (Unix ns).</summary>
    public LakeTable(TableSchema<TRow> schema, string homeDir, Func<TRow, long> time, bool ownerOnly)
    {
        this.schema = schema;
        this.homeDir = homeDir;
        this.time = time;
        this.ownerOnly = ownerOnly;
    }

    /// <inheritdoc/>
    public long Rows { get; private set; }

    /// <summary>Appends <paramref name="row"/> to the partition of its day.</summary>
    public void Write(in TRow row)
    {
        var day = LakePartitions.DayFolder(time(row));
        if (!open.TryGetValue(day, out var entry))
        {
            if (open.Count >= MaxOpen)
            {
                var oldest = open.MinBy(kv => kv.Value.Used).Key;
                open[oldest].Writer.Dispose();
                open.Remove(oldest);
            }

            entry = (Open(day), 0);
        }

        entry.Writer.Write(row);
        open[day] = (entry.Writer, ++clock);
        Rows++;
    }

    /// <summary>Writes the table with no rows in <paramref name="day"/> when it has no file at all, so that a glob over the lake always finds it.</summary>
    public void EnsureFile(string day)
    {
        if (parts.Count == 0)
        {
            Open(day).Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (writer, _) in open.Values)
        {
            writer.Dispose();
        }

        open.Clear();
    }

    private ParquetTableWriter<TRow> Open(string day)
    {
        var dir = Path.Combine(homeDir, day);
        Directory.CreateDirectory(dir);
        var part = parts.GetValueOrDefault(day);
        parts[day] = part + 1;
        var name = part == 0 ? $"{schema.Name}.parquet" : $"{schema.Name}.{part}.parquet";
        return new ParquetTableWriter<TRow>(schema, Path.Combine(dir, name), ownerOnly, RowGroupSize);
    }
}
