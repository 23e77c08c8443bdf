using Blinds.Attacks.Scoring;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Specs;
using Blinds.Lab;
using Blinds.Testing;
using Blinds.Traffic;

namespace Blinds.Defences.Tests;

/// <summary>Lab presets written once per test run, with their ground truth read back as a user's files would be.</summary>
public sealed class LabExperiments : IDisposable
{
    private readonly TempDir dir = new();
    private readonly Dictionary<string, ExperimentInput> inputs = [];
    private readonly Dictionary<string, PrivacyScore> baselines = [];
    private readonly Lock gate = new();

    /// <summary>The experiment input of a preset (2 hours of busy home are enough and keep the suite quick).</summary>
    public ExperimentInput Input(string preset)
    {
        lock (gate)
        {
            if (inputs.TryGetValue(preset, out var input))
            {
                return input;
            }

            var scenario = preset == "home" ? Presets.Home24h(1, busy: false) : Presets.Get(preset, 1)!;
            var path = dir.File(preset + ".pcapng");
            LabOutput.Write(scenario, path);
            var trace = TraceBuilder.ReadFiles([path], new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true });
            var labels = DeviceLabels.Read(dir.File(preset + ".devices.csv"));
            var truth = TruthEvent.FromLabels(EventLabels.Read(dir.File(preset + ".events.csv")), labels);
            return inputs[preset] = new ExperimentInput([path], trace, labels, truth);
        }
    }

    public PrivacyScore Baseline(string preset)
    {
        var input = Input(preset);
        lock (gate)
        {
            return baselines.TryGetValue(preset, out var b) ? b : baselines[preset] = DefenceExperiment.Baseline(input);
        }
    }

    public ExperimentResult Run(string preset, string defence) => DefenceExperiment.Run(Input(preset), DefenceSpec.Parse(defence), Baseline(preset));

    public void Dispose() => dir.Dispose();
}
