namespace Blinds.Reports.Export;

/// <summary>CSV injection defence for text cells (OWASP's rule).</summary>
public static class CsvCell
{
    /// <summary>
    /// Prefixes <c>'</c> to a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return, which spreadsheets take as the start of a formula; other cells are returned unchanged.
    /// </summary>
    public static string Neutralise(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
    }
}
