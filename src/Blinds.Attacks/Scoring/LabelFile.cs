namespace Blinds.Attacks.Scoring;

/// <summary>The line handling both label files share: comma-separated rows, an optional header, # comments, blank lines.</summary>
internal static class LabelFile
{
    /// <summary>The data rows of <paramref name="path"/> with their 1-based line numbers; a first line starting with <paramref name="header"/> is skipped.</summary>
    public static IEnumerable<(int Line, string Text, string[] Fields)> Rows(string path, string header)
    {
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || (lineNumber == 1 && line.StartsWith(header, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            yield return (lineNumber, line, line.Split(','));
        }
    }
}
