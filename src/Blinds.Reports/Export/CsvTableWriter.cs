using Blinds.Capture;

using CsvHelper;

namespace Blinds.Reports.Export;

/// <summary>RFC 4180 CSV through CsvHelper's streaming writer; timestamps as ISO-8601 with nanoseconds, nulls as empty fields.</summary>
/// <typeparam name="TRow">Row type.</typeparam>
public sealed class CsvTableWriter<TRow> : ITableWriter<TRow>
{
    private readonly TableSchema<TRow> schema;
    private readonly CsvWriter csv;

    /// <summary>Creates <paramref name="path"/> (never replacing a file) and writes the header.</summary>
    public CsvTableWriter(TableSchema<TRow> schema, string path)
    {
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        csv = CsvWriter.Create(CaptureWriter.CreateNew(path), null, false);
        foreach (var c in schema.Columns)
        {
            csv.WriteField(c.Name);
        }

        csv.EndRecord();
    }

    /// <inheritdoc/>
    public long Rows { get; private set; }

    /// <inheritdoc/>
    public void Write(in TRow row)
    {
        foreach (var c in schema.Columns)
        {
            switch (c.Kind)
            {
                case ColumnKind.Int64:
                    csv.WriteField(c.Integer!(row), default);
                    break;
                case ColumnKind.Timestamp:
                    csv.WriteField(Formatting.Time(c.Integer!(row)));
                    break;
                case ColumnKind.Bool:
                    csv.WriteField(c.Flag!(row));
                    break;
                default:
                    csv.WriteField(c.Text!(row) ?? string.Empty);

                    break;
            }
        }

        csv.EndRecord();
        Rows++;
    }

    /// <inheritdoc/>
    public void Dispose() => csv.Dispose();
}
