namespace Blinds.Reports.Export;

/// <summary>Export targets.</summary>
public enum ExportFormat
{
    /// <summary>A directory of CSV files, one per table.</summary>
    Csv,
    /// <summary>A directory of Parquet files, one per table.</summary>
    Parquet,
    /// <summary>One DuckDB database file with one table per kind of row.</summary>
    DuckDb,
}
