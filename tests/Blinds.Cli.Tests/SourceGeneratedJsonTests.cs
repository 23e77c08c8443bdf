using System.Text.Json;

using Blinds.Attacks.Identification;
using Blinds.Reports;
using Blinds.Reports.Activity;
using Blinds.Reports.Audit;
using Blinds.Reports.Frontier;
using Blinds.Reports.Identify;
using Blinds.Reports.Simulate;
using Blinds.Reports.Summary;
using Blinds.Reports.Tolerance;
using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// The typed results are served by compile-time metadata alone: each golden output reads back into its record and
/// writes out byte for byte through <see cref="BlindsJsonContext"/> with no reflection resolver behind it, so a type
/// that slipped out of the context (and would fall back to reflection at run time) fails here.
/// </summary>
public class SourceGeneratedJsonTests
{
    public static TheoryData<string, Type> Goldens => new()
    {
        { "tests/Blinds.Cli.Tests/golden/json/summary.json", typeof(SummaryModel) },
        { "tests/Blinds.Cli.Tests/golden/json/identify-lan.json", typeof(IdentifyModel) },
        { "tests/Blinds.Cli.Tests/golden/json/identify-isp.json", typeof(IdentifyModel) },
        { "tests/Blinds.Cli.Tests/golden/json/frontier.json", typeof(FrontierModel) },
        { "tests/Blinds.Cli.Tests/golden/json/tolerance.json", typeof(ToleranceModel) },
        { "tests/Blinds.Cli.Tests/golden/json/simulate.json", typeof(SimulateModel) },
        { "tests/Blinds.Cli.Tests/golden/json/activity-lan.json", typeof(ActivityModel) },
        { "tests/Blinds.Cli.Tests/golden/json/activity-isp.json", typeof(ActivityModel) },
        { "tests/Blinds.Cli.Tests/golden/json/fingerprint-eval.json", typeof(IReadOnlyList<GridCell>) },
        { "tests/Blinds.Cli.Tests/golden/audit-paper-lab-seed3.json", typeof(AuditModel) },
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Golden_output_round_trips_through_source_generated_metadata_alone(string golden, Type type)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, golden)).TrimEnd('\n');
        var options = new JsonSerializerOptions(Blinds.Reports.Json.Options) { TypeInfoResolver = BlindsJsonContext.Default };
        var value = JsonSerializer.Deserialize(text, type, options);
        Assert.NotNull(value);
        Assert.Equal(text, JsonSerializer.Serialize(value, type, options));
    }
}
