using DuckDB.NET.Data;

namespace Blinds.Reports.Export;

/// <summary>A DuckDB table filled through DuckDB's appender (the bulk path, not INSERT statements).</summary>
/// <typeparam name="TRow">Row type.</typeparam>
public sealed class DuckDbTableWriter<TRow> : ITableWriter<TRow>
{
    private readonly TableSchema<TRow> schema;
    private readonly DuckDBAppender appender;

    /// <summary>Creates the table in <paramref name="connection"/> and opens an appender on it.</summary>
    public DuckDbTableWriter(TableSchema<TRow> schema, DuckDBConnection connection)
    {
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        ArgumentNullException.ThrowIfNull(connection);
        var columns = string.Join(", ", schema.Columns.Select(c => $"\"{c.Name}\" " + c.Kind switch
        {
            ColumnKind.Int64 => "BIGINT",
            ColumnKind.Bool => "BOOLEAN",
            ColumnKind.Timestamp => "TIMESTAMP",
            _ => "VARCHAR",
        }));
        using (var cmd = connection.CreateCommand())
        {
#pragma warning disable CA2100 // Table and column names are the constants of Tables, not input.
            cmd.CommandText = $"CREATE TABLE \"{schema.Name}\" ({columns})";
#pragma warning restore CA2100
            cmd.ExecuteNonQuery();
        }

        appender = connection.CreateAppender(schema.Name);
    }

    /// <inheritdoc/>
    public long Rows { get; private set; }

    /// <inheritdoc/>
    public void Write(in TRow row)
    {
        var r = appender.CreateRow();
        foreach (var c in schema.Columns)
        {
            r = c.Kind switch
            {
                ColumnKind.Int64 => r.AppendValue((long?)c.Integer!(row)),
                ColumnKind.Bool => r.AppendValue((bool?)c.Flag!(row)),
                ColumnKind.Timestamp => r.AppendValue((DateTime?)Formatting.DateTime(c.Integer!(row))),
                _ => r.AppendValue(c.Text!(row)),
            };
        }

        r.EndRow();
        Rows++;
    }

    /// <inheritdoc/>
    public void Dispose() => appender.Dispose();
}
