using System.Text.Json;

using Blinds.Testing;

using Json.Schema;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>report.json against the schema shipped in docs/: a schema that drifted from the model fails the tests that call this.</summary>
internal static class ReportSchema
{
    public static void AssertValid(string reportPath)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "report.schema.json")));
        using var doc = JsonDocument.Parse(File.ReadAllText(reportPath));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join('\n', errors.Take(20)));

        // And the schema is not vacuous: a report without its verdict fails it.
        using var broken = JsonDocument.Parse(File.ReadAllText(reportPath).Replace("\"verdict\":", "\"verdikt\":", StringComparison.Ordinal));
        Assert.False(schema.Evaluate(broken.RootElement).IsValid);
    }
}
