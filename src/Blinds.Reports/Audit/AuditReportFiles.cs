using System.Text;

using Blinds.Capture;

namespace Blinds.Reports.Audit;

/// <summary>Writes an audit's report.json and report.html, as `audit` and `batch` both leave them.</summary>
public static class AuditReportFiles
{
    /// <summary>
    /// Writes <c>report.json</c> and <c>report.html</c> into <paramref name="dir"/> (which must exist) as new files;
    /// an existing one is an <see cref="IOException"/>, never replaced.
    /// </summary>
    /// <param name="report">The audit.</param>
    /// <param name="dir">The directory.</param>
    public static void Write(AuditReport report, string dir)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(dir);

        // Reports that name leaks are the owner's only (0600), like the leaks themselves.
        var ownerOnly = report.Model.Leaks.Count > 0;
        using (var file = CaptureWriter.CreateNew(Path.Combine(dir, "report.json"), ownerOnly))
        {
            Json.Write(report.Model, file);
        }

        using var html = new StreamWriter(CaptureWriter.CreateNew(Path.Combine(dir, "report.html"), ownerOnly), new UTF8Encoding(false));
        AuditHtml.Write(report, html);
    }
}
