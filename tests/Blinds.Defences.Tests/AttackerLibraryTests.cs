using Blinds.Attacks.Observers;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>The attacker learns the undefended trace once for every defended view: each view scores as if scored alone.</summary>
public class AttackerLibraryTests(LabExperiments lab) : IClassFixture<LabExperiments>
{
    [Theory]
    [InlineData("paper-lab", true)]
    [InlineData("sparse", false)]
    public void Views_scored_with_one_library_score_as_views_scored_alone(string preset, bool identifies)
    {
        var input = lab.Input(preset);
        string[] specs = ["tunnel", "tunnel+constant:rate=8KB/s", "conceal-dns:sni=true", "tunnel+stp:q=0.2"];
        var views = Simulator.RunMany(input.Paths, input.Original, specs.Select(DefenceSpec.Parse).ToArray()).Select(s => s.View)
            .Append(Observer.Project(input.Original, ObserverKind.Isp)).ToArray();
        var library = PrivacyEvaluation.Learn(input.Original, input.Labels, input.Privacy);
        foreach (var view in views)
        {
            var alone = PrivacyEvaluation.Score(view, input.Original, input.Labels, input.Truth, input.Privacy, out var aloneFound);
            var shared = PrivacyEvaluation.Score(view, library, input.Original, input.Labels, input.Truth, input.Privacy, out var sharedFound);
            Assert.Equal(alone, shared);
            Assert.Equal(aloneFound.Select(a => (a.Entity.Id, a.StartNs)), sharedFound.Select(a => (a.Entity.Id, a.StartNs)));
        }

        // Not vacuous: on the lab's busy preset the rate attack classifies windows (sparse has too few to learn from).
        Assert.Equal(identifies, views.Any(v => PrivacyEvaluation.Score(v, input.Original, input.Labels, input.Truth, input.Privacy).Windows > 0));
    }
}
