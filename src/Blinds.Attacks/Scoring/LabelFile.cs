using CsvHelper;

namespace Blinds.Attacks.Scoring;

/// <summary>
/// The reading both label files share, with real CSV rules (CsvHelper): quoted fields (<c>"Nest cam, hallway"</c>,
/// doubled quotes inside), a UTF-8 BOM, CRLF or LF, # comment lines, blank lines. A header row, when the first row
/// names the first column (<c>mac</c>, <c>time</c>), maps columns by name in any order, extra columns ignored;
/// without one the columns are positional. Errors name the file, line and column.
/// </summary>
internal static class LabelFile
{
    /// <summary>
    /// The data rows of <paramref name="path"/>, each with its 1-based line and its fields in the order of
    /// <paramref name="columns"/> (null where a row has no such field). The first <paramref name="required"/> columns
    /// must be there; a first row naming them all is the header.
    /// </summary>
    public static IEnumerable<LabelRow> Rows(string path, IReadOnlyList<string> columns, int required)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            // A label row is a few hundred bytes; an unclosed quote must not read a whole large file into one field.
            MaxRecordSize = 1 << 20,
        };
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, options, false);
        int[]? map = null;
        var first = true;
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                throw new FormatException($"{path}:{(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber)}: not CSV: {FirstLine(e.Message)}", e);
            }

            if (!more)
            {
                yield break;
            }

            var line = (int)csv.LineNumber;
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i).TrimStart('\uFEFF');
            }

            if (first)
            {
                first = false;
                var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                if (columns.Take(required).All(c => names.Contains(c, StringComparer.Ordinal)))
                {
                    map = Header(path, line, names, columns);
                    continue;
                }
            }

            var values = new string?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var at = map is null ? i : map[i];
                values[i] = at >= 0 && at < fields.Length ? fields[at] : null;
            }

            yield return new LabelRow(path, line, values, map);
        }
    }

    // Column positions by name; a missing column is -1 (the caller says whether it is needed).
    private static int[] Header(string path, int line, string[] names, IReadOnlyList<string> columns)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"{path}:{line}: column '{duplicate.Key}' is named twice in the header");
        }

        return columns.Select(c => Array.IndexOf(names, c)).ToArray();
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

/// <summary>One data row of a label file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">Its 1-based line.</param>
/// <param name="Values">Fields in the order asked for; null where absent.</param>
/// <param name="Map">Column positions from the header, or null when positional.</param>
internal sealed record LabelRow(string Path, int Line, string?[] Values, int[]? Map)
{
    /// <summary>The 1-based column in the file of field <paramref name="index"/>.</summary>
    public int Column(int index) => (Map is null ? index : Map[index]) + 1;

    /// <summary>The error for field <paramref name="index"/> (named <paramref name="name"/>): "file:line:column: name ...".</summary>
    public FormatException Bad(int index, string name, string problem) => new($"{Path}:{Line}:{Column(index)}: {name} {problem}");
}
