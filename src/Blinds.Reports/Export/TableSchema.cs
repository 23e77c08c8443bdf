namespace Blinds.Reports.Export;

/// <summary>One exported column: a name, a type, and how to read it from a row without boxing.</summary>
/// <typeparam name="TRow">Row type.</typeparam>
#pragma warning disable CA1000 // Column<TRow>.Int(...) reads better at the table definitions than a separate factory class.
public sealed class Column<TRow>
{
    private Column(string name, ColumnKind kind, Func<TRow, long>? integer, Func<TRow, string?>? text, Func<TRow, bool>? flag, Func<TRow, double>? real = null)
    {
        Real = real;
        Name = name;
        Kind = kind;
        Integer = integer;
        Text = text;
        Flag = flag;
    }

    /// <summary>Column name (snake_case).</summary>
    public string Name { get; }

    /// <summary>Type.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Getter for Int64 and Timestamp columns.</summary>
    public Func<TRow, long>? Integer { get; }

    /// <summary>Getter for Text columns.</summary>
    public Func<TRow, string?>? Text { get; }

    /// <summary>Getter for Bool columns.</summary>
    public Func<TRow, bool>? Flag { get; }

    /// <summary>Getter for Double columns.</summary>
    public Func<TRow, double>? Real { get; }

    /// <summary>An integer column.</summary>
    public static Column<TRow> Int(string name, Func<TRow, long> get) => new(name, ColumnKind.Int64, get, null, null);

    /// <summary>A timestamp column from ns.</summary>
    public static Column<TRow> Time(string name, Func<TRow, long> get) => new(name, ColumnKind.Timestamp, get, null, null);

    /// <summary>A text column.</summary>
    public static Column<TRow> Str(string name, Func<TRow, string?> get) => new(name, ColumnKind.Text, null, get, null);

    /// <summary>A floating-point column.</summary>
    public static Column<TRow> Double(string name, Func<TRow, double> get) => new(name, ColumnKind.Double, null, null, null, get);

    /// <summary>A boolean column.</summary>
    public static Column<TRow> Bool(string name, Func<TRow, bool> get) => new(name, ColumnKind.Bool, null, null, get);
}
#pragma warning restore CA1000

/// <summary>A table: its name and columns.</summary>
/// <typeparam name="TRow">Row type.</typeparam>
/// <param name="Name">Table name.</param>
/// <param name="Columns">Columns in order.</param>
public sealed record TableSchema<TRow>(string Name, IReadOnlyList<Column<TRow>> Columns);
