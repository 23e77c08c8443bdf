using Blinds.Capture;

using Parquet;
using Parquet.Schema;

namespace Blinds.Reports.Export;

/// <summary>Parquet through Parquet.Net: rows are buffered per column and flushed as row groups, so memory stays bounded.</summary>
/// <typeparam name="TRow">Row type.</typeparam>
public sealed class ParquetTableWriter<TRow> : ITableWriter<TRow>
{
    /// <summary>Rows per row group unless told otherwise.</summary>
    public const int DefaultRowGroupSize = 131_072;
    private readonly int rowGroupSize;
    private readonly TableSchema<TRow> schema;
    private readonly Stream stream;
    private readonly ParquetSchema parquetSchema;
    private readonly ParquetWriter writer;
    private readonly long[][] integers;
    private readonly string?[][] texts;
    private readonly bool[][] flags;
    private readonly DateTime[][] times;
    private readonly double[][] reals;
    private int buffered;

    /// <summary>
    /// Creates <paramref name="path"/> (never replacing a file; 0600 with <paramref name="ownerOnly"/>), buffering
    /// <paramref name="rowGroupSize"/> rows per column before each row group is written (the lake's many open
    /// partitions use fewer).
    /// </summary>
    public ParquetTableWriter(TableSchema<TRow> schema, string path, bool ownerOnly = false, int rowGroupSize = DefaultRowGroupSize)
    {
        this.schema = schema ?? throw new ArgumentNullException(nameof(schema));
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        this.rowGroupSize = rowGroupSize;
        parquetSchema = new ParquetSchema(schema.Columns.Select(c => (Field)(c.Kind switch
        {
            ColumnKind.Int64 => new DataField<long>(c.Name),
            ColumnKind.Bool => new DataField<bool>(c.Name),
            ColumnKind.Double => new DataField<double>(c.Name),
            ColumnKind.Timestamp => new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros),
            _ => new DataField<string>(c.Name, true),
        })).ToArray());
        stream = CaptureWriter.CreateNew(path, ownerOnly);
        writer = ParquetWriter.CreateAsync(parquetSchema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }).GetAwaiter().GetResult();
        var n = schema.Columns.Count;
        integers = new long[n][];
        texts = new string?[n][];
        flags = new bool[n][];
        times = new DateTime[n][];
        reals = new double[n][];
        for (var i = 0; i < n; i++)
        {
            switch (schema.Columns[i].Kind)
            {
                case ColumnKind.Int64: integers[i] = new long[rowGroupSize]; break;
                case ColumnKind.Bool: flags[i] = new bool[rowGroupSize]; break;
                case ColumnKind.Timestamp: times[i] = new DateTime[rowGroupSize]; break;
                case ColumnKind.Double: reals[i] = new double[rowGroupSize]; break;
                default: texts[i] = new string?[rowGroupSize]; break;
            }
        }
    }

    /// <inheritdoc/>
    public long Rows { get; private set; }

    /// <inheritdoc/>
    public void Write(in TRow row)
    {
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            var c = schema.Columns[i];
            switch (c.Kind)
            {
                case ColumnKind.Int64: integers[i][buffered] = c.Integer!(row); break;
                case ColumnKind.Bool: flags[i][buffered] = c.Flag!(row); break;
                case ColumnKind.Timestamp: times[i][buffered] = Formatting.DateTime(c.Integer!(row)); break;
                case ColumnKind.Double: reals[i][buffered] = c.Real!(row); break;
                default: texts[i][buffered] = c.Text!(row); break;
            }
        }

        Rows++;
        if (++buffered == rowGroupSize)
        {
            Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (buffered > 0 || Rows == 0)
        {
            Flush();
        }

        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stream.Dispose();
    }

    private void Flush()
    {
        using var group = writer.CreateRowGroup();
        for (var i = 0; i < schema.Columns.Count; i++)
        {
            var field = parquetSchema.DataFields[i];
            var task = schema.Columns[i].Kind switch
            {
                ColumnKind.Int64 => group.WriteAsync<long>(field, integers[i].AsMemory(0, buffered)),
                ColumnKind.Bool => group.WriteAsync<bool>(field, flags[i].AsMemory(0, buffered)),
                ColumnKind.Timestamp => group.WriteAsync<DateTime>(field, times[i].AsMemory(0, buffered)),
                ColumnKind.Double => group.WriteAsync<double>(field, reals[i].AsMemory(0, buffered)),
                _ => group.WriteAsync(field, new ArraySegment<string?>(texts[i], 0, buffered)!),
            };
            task.GetAwaiter().GetResult();
        }

        buffered = 0;
    }
}
