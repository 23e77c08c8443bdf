namespace Blinds.Reports.Export;

/// <summary>Writes the rows of one table in some format; rows arrive one at a time and are never all held.</summary>
/// <typeparam name="TRow">Row type.</typeparam>
public interface ITableWriter<TRow> : IDisposable
{
    /// <summary>Rows written.</summary>
    long Rows { get; }

    /// <summary>Appends one row.</summary>
    void Write(in TRow row);
}
