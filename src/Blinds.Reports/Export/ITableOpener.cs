namespace Blinds.Reports.Export;

/// <summary>Opens the writer of one exported table, in whatever format and layout the output has.</summary>
internal interface ITableOpener
{
    /// <summary>
    /// The writer of <paramref name="schema"/>'s table; <paramref name="time"/> gives a row's time (Unix ns) for
    /// outputs partitioned by day, and may be ignored by others.
    /// </summary>
    ITableWriter<TRow> Open<TRow>(TableSchema<TRow> schema, Func<TRow, long> time);
}
