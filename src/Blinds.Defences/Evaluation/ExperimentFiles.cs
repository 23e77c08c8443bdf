using Blinds.Attacks.Identification;
using Blinds.Attacks.Scoring;
using Blinds.Defences.Costs;
using Blinds.Defences.Simulation;
using Blinds.Traffic;

namespace Blinds.Defences.Evaluation;

/// <summary>
/// The files a defence experiment is given besides the captures (`simulate` and `frontier`): the devices file, the
/// labelled activities, and the tables of what blocking and delay cost each kind of device, each read once into typed
/// values before the captures are, so that a bad row stops the command before a long read.
/// </summary>
/// <param name="Devices">The devices file's names and kinds (<see cref="DeviceLabelSet.None"/> without one).</param>
/// <param name="DevicesPath">Its path, for errors; null without one.</param>
/// <param name="Events">The labelled activities, or null: then the truth is what the LAN observer finds undefended.</param>
/// <param name="EventsPath">Their path, for errors; null without them.</param>
/// <param name="Functions">What each kind still does when blocked.</param>
/// <param name="Tolerances">How much delay each kind works with.</param>
public sealed record ExperimentFiles(
    DeviceLabelSet Devices,
    string? DevicesPath,
    IReadOnlyList<LabelledEvent>? Events,
    string? EventsPath,
    FunctionTable Functions,
    LatencyTolerance Tolerances)
{
    /// <summary>
    /// Reads the files given (null: the papers' tables, no labels). Throws <see cref="ArgumentException"/> when
    /// events come without a devices file (nothing would say which station is which device),
    /// <see cref="FormatException"/> naming the file and line of a bad row, and <see cref="IOException"/> for a file
    /// that cannot be read.
    /// </summary>
    public static ExperimentFiles Read(string? devicesPath, string? eventsPath, string? functionsPath, string? latencyPath)
    {
        if (eventsPath is not null && devicesPath is null)
        {
            throw new ArgumentException("labelled events need a devices file to know which station is which device", nameof(eventsPath));
        }

        return new ExperimentFiles(
            devicesPath is null ? DeviceLabelSet.None : DeviceLabels.Load(devicesPath),
            devicesPath,
            eventsPath is null ? null : EventLabels.Read(eventsPath),
            eventsPath,
            functionsPath is null ? FunctionTable.Papers() : FunctionTable.Load(functionsPath),
            latencyPath is null ? LatencyTolerance.Papers() : LatencyTolerance.Load(latencyPath));
    }

    /// <summary>
    /// The experiment on <paramref name="trace"/> (read from <paramref name="paths"/>): labelled events become the
    /// truth, checked against the devices file and the capture's span (throws <see cref="FormatException"/> naming
    /// the events file's line for an event of an unknown device or outside the capture: it would count as a miss of
    /// every attack); without events, the truth is what the LAN observer finds undefended.
    /// </summary>
    public ExperimentInput Input(IReadOnlyList<string> paths, Trace trace, SimulationOptions simulation, PrivacyOptions privacy, CostOptions cost)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(privacy);
        var labels = DevicesPath is null ? null : Devices.Names;
        if (Events is not null && labels is not null
            && EventLabelCheck.FirstProblem(Events, EventsPath!, labels.Values.ToArray(), DevicesPath!, trace.FirstNs ?? 0, trace.LastNs ?? 0, (long)privacy.Tolerance.TotalNanoseconds) is { } problem)
        {
            throw new FormatException(problem);
        }

        return new ExperimentInput(paths, trace, labels, PrivacyEvaluation.Truth(trace, Events, labels))
        {
            Kinds = DeviceKinds.Of(trace, Devices.Kinds),
            Functions = Functions,
            Tolerances = Tolerances,
            Simulation = simulation,
            Privacy = privacy,
            Cost = cost,
        };
    }
}
