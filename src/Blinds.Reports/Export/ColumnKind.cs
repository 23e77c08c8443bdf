namespace Blinds.Reports.Export;

/// <summary>Column types every export format can store.</summary>
public enum ColumnKind
{
    /// <summary>64-bit integer.</summary>
    Int64,
    /// <summary>Text, may be null.</summary>
    Text,
    /// <summary>Boolean.</summary>
    Bool,
    /// <summary>UTC timestamp from ns since the epoch (microsecond precision in Parquet and DuckDB).</summary>
    Timestamp,
    /// <summary>64-bit floating point (durations in seconds).</summary>
    Double,
}
