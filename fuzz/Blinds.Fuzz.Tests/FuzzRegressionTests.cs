using Xunit;

namespace Blinds.Fuzz.Tests;

/// <summary>Crash inputs found by fuzzing (Regressions/TARGET/NAME) and the generated seeds: each runs through its target without throwing.</summary>
public class FuzzRegressionTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Regressions");

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        if (Directory.Exists(Root))
        {
            foreach (var dir in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(dir), Path.GetFileName(file));
                }
            }
        }

        // Keeps the theory non-empty before the first finding; a real finding sits beside it.
        data.Add("netflow", "(empty input)");
        return data;
    }

    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Targets.All.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var name in Targets.Seeds(target).Keys.Order(StringComparer.Ordinal))
            {
                data.Add(target, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void A_fuzz_finding_no_longer_crashes_its_target(string target, string name)
    {
        Assert.True(Targets.All.ContainsKey(target), $"Regressions/{target}: no such target");
        var bytes = name == "(empty input)" ? [] : File.ReadAllBytes(Path.Combine(Root, target, name));
        Targets.All[target](bytes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_generated_seed_runs_clean(string target, string name) => Targets.All[target](Targets.Seeds(target)[name]);

    [Fact]
    public void The_flow_seeds_are_read_as_flows_not_refused()
    {
        // A seed the readers refuse would leave the fuzzer mutating noise: each must give flows.
        foreach (var (name, bytes) in Targets.Seeds("flow-file"))
        {
            var path = Path.Combine(Path.GetTempPath(), $"blinds-seed-{Guid.NewGuid():N}-{name}");
            File.WriteAllBytes(path, bytes);
            try
            {
                Assert.True(Flows.FlowReader.ReadFiles([path], FlowTargets.NowNs).Flows.Count >= 2, name);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
