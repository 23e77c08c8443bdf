using DuckDB.NET.Data;

namespace Blinds.Reports.Export;

/// <summary>A DuckDB table filled through DuckDB's appender (the bulk path, not INSERT statements).</summary>
/// <typeparam name="TRow">Row type.</typeparam>
public sealed class DuckDbTableWriter<TRow> : ITableWriter<TRow>
{
    private readonly TableSchema<TRow> schema;
    private readonly DuckDBAppender appender;
    private readonly DuckDBConnection connection;

    /// <summary>Creates the table in <paramref name="connection"/> and opens an appender on it.</summary>
    public DuckDbTableWriter(TableSchema<TRow> schema, DuckDBConnection connection)
    {
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
        var columns = string.Join(", ", schema.Columns.Select(c => $"\"{c.Name}\" " + c.Kind switch
        {
            ColumnKind.Int64 => "BIGINT",
            ColumnKind.Bool => "BOOLEAN",
            ColumnKind.Timestamp => "TIMESTAMP",
            ColumnKind.Double => "DOUBLE",
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
                ColumnKind.Double => r.AppendValue((double?)c.Real!(row)),
                ColumnKind.Timestamp => r.AppendValue((DateTime?)Formatting.DateTime(c.Integer!(row))),
                _ => r.AppendValue(c.Text!(row)),
            };
        }

        r.EndRow();
        Rows++;
    }

    /// <summary>
    /// Flushes the appender, then makes the time columns TIMESTAMPTZ: the appender writes UTC wall times into
    /// TIMESTAMP, and an instant with its zone is what users' SQL should compare and convert (AT TIME ZONE 'UTC'
    /// reads the stored wall time as UTC whatever the session's zone).
    /// </summary>
    public void Dispose()
    {
        appender.Dispose();
        foreach (var c in schema.Columns.Where(c => c.Kind == ColumnKind.Timestamp))
        {
            using var cmd = connection.CreateCommand();
#pragma warning disable CA2100 // Table and column names are the constants of Tables, not input.
            cmd.CommandText = $"ALTER TABLE \"{schema.Name}\" ALTER COLUMN \"{c.Name}\" TYPE TIMESTAMPTZ USING \"{c.Name}\" AT TIME ZONE 'UTC'";
#pragma warning restore CA2100
            cmd.ExecuteNonQuery();
        }
    }
}
