using Blinds.Capture;

using CsvHelper;

namespace Blinds.Reports.Export;

/// <summary>
/// RFC 4180 CSV through CsvHelper's streaming writer; timestamps as ISO-8601 with nanoseconds, nulls as empty fields.
/// Text cells that a spreadsheet would run as a formula are neutralised (<see cref="CsvCell.Neutralise"/>) unless
/// the writer is raw: host and DNS names come from the network, so a device can name itself <c>=HYPERLINK(...)</c>.
/// </summary>
/// <typeparam name="TRow">Row type.</typeparam>
public sealed class CsvTableWriter<TRow> : ITableWriter<TRow>
{
    private readonly TableSchema<TRow> schema;
    private readonly CsvWriter csv;
    private readonly bool raw;

    /// <summary>
    /// Creates <paramref name="path"/> (never replacing a file; 0600 with <paramref name="ownerOnly"/>) and writes
    /// the header; <paramref name="raw"/> writes text cells as they are.
    /// </summary>
    public CsvTableWriter(TableSchema<TRow> schema, string path, bool raw = false, bool ownerOnly = false)
    {
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        this.raw = raw;
        csv = CsvWriter.Create(CaptureWriter.CreateNew(path, ownerOnly), null, false);
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
                case ColumnKind.Double:
                    csv.WriteField(c.Real!(row).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    var text = c.Text!(row) ?? string.Empty;
                    csv.WriteField(raw ? text : CsvCell.Neutralise(text));

                    break;
            }
        }

        csv.EndRecord();
        Rows++;
    }

    /// <inheritdoc/>
    public void Dispose() => csv.Dispose();
}
