using DuckDB.NET.Data;

namespace Blinds.Reports.Export;

/// <summary>
/// The tables of `blinds export` (<see cref="TableSink"/>) in one format: CSV and Parquet files in a new directory,
/// or one new DuckDB file. Nothing existing is replaced.
/// </summary>
public sealed class ExportSink : TableSink
{
    private readonly Output output;

    private ExportSink(Output output, bool showSecrets)
        : base(output, showSecrets) => this.output = output;

    /// <summary>
    /// Opens the output; throws <see cref="IOException"/> when it exists. With <paramref name="showSecrets"/> every
    /// file is created 0600 (it holds credentials); <paramref name="rawCsv"/> turns off CSV formula neutralisation.
    /// </summary>
    public static ExportSink Create(ExportFormat format, string output, bool showSecrets, bool rawCsv = false)
    {
        var opened = new Output(format, output, showSecrets, rawCsv);
        try
        {
            return new ExportSink(opened, showSecrets);
        }
        catch
        {
            opened.Abandon();
            throw;
        }
    }

    /// <summary>
    /// Closes and deletes what this export created (its files, and its directory if it made it), for when reading the
    /// input failed: a half-written export must not pass for a whole one. Nothing that existed before is touched.
    /// </summary>
    public void Abandon()
    {
        Dispose();
        output.Abandon();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            output.Dispose();
        }
    }

    // Where the tables go: the checks that nothing is overwritten, the DuckDB connection, and what was created.
    private sealed class Output : ITableOpener, IDisposable
    {
        private readonly ExportFormat format;
        private readonly string path;
        private readonly bool ownerOnly;
        private readonly bool rawCsv;
        private readonly DuckDBConnection? connection;
        private readonly List<string> created = [];
        private readonly bool createdDirectory;

        public Output(ExportFormat format, string path, bool ownerOnly, bool rawCsv)
        {
            (this.format, this.path, this.ownerOnly, this.rawCsv) = (format, path, ownerOnly, rawCsv);
            if (format == ExportFormat.DuckDb)
            {
                if (File.Exists(path) || Directory.Exists(path))
                {
                    throw new IOException($"{path}: already exists; Blinds does not overwrite files");
                }

                created.Add(path);
                created.Add(path + ".wal");
                connection = new DuckDBConnection($"Data Source={path}");
                connection.Open();
                if (ownerOnly && !OperatingSystem.IsWindows())
                {
                    // DuckDB creates the file itself; narrow it to the owner before any row is written.
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) & (UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }

                return;
            }

            if (File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any()))
            {
                throw new IOException($"{path}: already exists and is not an empty directory; Blinds does not overwrite files");
            }

            createdDirectory = !Directory.Exists(path);
            Directory.CreateDirectory(path);
        }

        public ITableWriter<TRow> Open<TRow>(TableSchema<TRow> schema, Func<TRow, long> time)
        {
            if (connection is not null)
            {
                return new DuckDbTableWriter<TRow>(schema, connection);
            }

            var file = Path.Combine(path, schema.Name + (format == ExportFormat.Csv ? ".csv" : ".parquet"));
            created.Add(file);
            return format == ExportFormat.Csv
                ? new CsvTableWriter<TRow>(schema, file, rawCsv, ownerOnly)
                : new ParquetTableWriter<TRow>(schema, file, ownerOnly);
        }

        public void Abandon()
        {
            Dispose();
            foreach (var file in created.Where(File.Exists))
            {
                File.Delete(file);
            }

            if (createdDirectory && Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }

        public void Dispose() => connection?.Dispose();
    }
}
