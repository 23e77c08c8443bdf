using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Defences.Costs;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Defences.Evaluation;

/// <summary>One defence tried on one capture: what it cost and what the ISP's attacks still get, before and after.</summary>
/// <param name="Plan">The defence.</param>
/// <param name="Cost">Its cost.</param>
/// <param name="Before">The attacks on the undefended ISP view.</param>
/// <param name="After">The attacks on the defended one.</param>
/// <param name="Simulation">The simulation itself (the defended view, the raw counters).</param>
/// <param name="Lost">Devices a block rule touched, with what they lose.</param>
/// <param name="Broken">Devices whose delays or drops exceed what their kind tolerates.</param>
public sealed record ExperimentResult(DefencePlan Plan, CostReport Cost, PrivacyScore Before, PrivacyScore After, SimulationResult Simulation, IReadOnlyList<LostFunction> Lost, IReadOnlyList<MacAddress> Broken)
{
    /// <summary>The bursts the activity attack found in the defended view: <see cref="PrivacyEvaluation.Rescore"/> scores them against another truth.</summary>
    public IReadOnlyList<Attacks.Activity.InferredActivity> Detections { get; init; } = [];

    /// <summary>Effective (the attacks at chance) and nothing broken by delay or drops.</summary>
    public bool Usable(double margin) => After.AtChance(margin) && Broken.Count == 0;
}

/// <summary>Everything one experiment needs besides the defence: the captures, their trace, the ground truth, the settings.</summary>
/// <param name="Paths">The captures (read again by each simulation).</param>
/// <param name="Original">Their trace, built with 1 s device and stream series.</param>
/// <param name="Labels">Device names, when known.</param>
/// <param name="Truth">True activities (labelled, or what the LAN observer finds undefended).</param>
public sealed record ExperimentInput(IReadOnlyList<string> Paths, Trace Original, IReadOnlyDictionary<MacAddress, string>? Labels, IReadOnlyList<TruthEvent> Truth)
{
    /// <summary>Simulation settings.</summary>
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>Attack settings.</summary>
    public PrivacyOptions Privacy { get; init; } = new();

    /// <summary>Prices and capacities.</summary>
    public CostOptions Cost { get; init; } = new();

    /// <summary>Device kinds (camera, plug, ...), for what blocking costs in function.</summary>
    public IReadOnlyDictionary<MacAddress, DeviceKind> Kinds { get; init; } = new Dictionary<MacAddress, DeviceKind>();

    /// <summary>What devices still do when blocked.</summary>
    public FunctionTable Functions { get; init; } = FunctionTable.Papers();

    /// <summary>How much delay each kind of device works with.</summary>
    public LatencyTolerance Tolerances { get; init; } = LatencyTolerance.Papers();
}

/// <summary>Runs defences as experiments (issue 5 §4): simulate, count the cost, re-run the attacks.</summary>
public static class DefenceExperiment
{
    /// <summary>The attacks on the undefended ISP view: the figure every defence is compared with.</summary>
    public static PrivacyScore Baseline(ExperimentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PrivacyEvaluation.Score(Observer.Project(input.Original, ObserverKind.Isp), input.Original, input.Labels, input.Truth, input.Privacy);
    }

    /// <summary>Runs <paramref name="plan"/>; <paramref name="baseline"/> is <see cref="Baseline"/>, computed once for many plans.</summary>
    public static ExperimentResult Run(ExperimentInput input, DefencePlan plan, PrivacyScore baseline)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return RunMany(input, [plan], baseline)[0];
    }

    /// <summary>Runs several defences on one read of the captures (<see cref="Simulator.RunMany"/>), one result each, in order.</summary>
    public static IReadOnlyList<ExperimentResult> RunMany(ExperimentInput input, IReadOnlyList<DefencePlan> plans, PrivacyScore baseline, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plans);
        var simulations = Simulator.RunMany(input.Paths, input.Original, plans, input.Simulation, progress);

        // Each defence is scored on its own view against the same (read-only) trace and what the attacker learned of
        // it, learned once for all. The views are scored one at a time (each view's windows are still classified on
        // several cores) after a compacting collection: the views are complete and the simulation's and the library's
        // garbage is gone, so the scoring's own short-lived allocations start from the live data alone. On the 22-day
        // audit the peak RSS is reached while the views are scored: 292-308 MB so, 325-349 MB with two views at once
        // after the collection, 353-405 MB without it (bench/AUDIT.md, "Memory at the peak").
        var library = PrivacyEvaluation.Learn(input.Original, input.Labels, input.Privacy);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var results = new ExperimentResult[simulations.Count];
        for (var i = 0; i < simulations.Count; i++)
        {
            var simulation = simulations[i];
            var after = PrivacyEvaluation.Score(simulation.View, library, input.Original, input.Labels, input.Truth, input.Privacy, out var detections);
            var cost = CostReport.Of(simulation, input.Cost);
            var broken = cost.Devices.Where(d => d.RealBytes > d.BlockedBytes && !input.Tolerances.Tolerates(d, input.Kinds.GetValueOrDefault(d.Mac))).Select(d => d.Mac).ToArray();
            results[i] = new ExperimentResult(simulation.Plan, cost, baseline, after, simulation, LostFunction.Of(cost, input.Kinds, input.Functions), broken) { Detections = detections };
        }

        return results;
    }
}
