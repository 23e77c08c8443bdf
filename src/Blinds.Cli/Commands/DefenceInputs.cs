using System.CommandLine;

using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Attacks.Scoring;
using Blinds.Defences.Costs;
using Blinds.Defences.Evaluation;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Protocols.Addressing;
using Blinds.Reports;
using Blinds.Traffic;

namespace Blinds.Cli.Commands;

/// <summary>The options `simulate` and `frontier` share, and turning them into an experiment's input.</summary>
internal sealed class DefenceInputs
{
    public Argument<string[]> Captures { get; } = CommonOptions.Captures();

    public Option<string?> Labels { get; } = new("--labels") { Description = "Devices file (mac,name[,type]): names the devices the rate attack tells apart" };

    public Option<string?> Events { get; } = new("--events") { Description = "True activities (time,device,activity; needs --labels); default: the bursts a LAN observer finds undefended" };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 1 };

    public Option<string> Tolerance { get; } = new("--tolerance") { Description = "How far a detection may be from a true activity", DefaultValueFactory = _ => "10s" };

    public Option<int> Window { get; } = new("--window", "-w") { Description = "Rate attack: window length, seconds", DefaultValueFactory = _ => 300 };

    public Option<int> Sample { get; } = new("--sample", "-s") { Description = "Rate attack: sample length, seconds", DefaultValueFactory = _ => 10 };

    public Option<int> K { get; } = new("--k") { Description = "Rate attack: neighbours", DefaultValueFactory = _ => 3 };

    public Option<string> Cap { get; } = new("--cap") { Description = "Monthly data cap", DefaultValueFactory = _ => "1TB" };

    public Option<double> Price { get; } = new("--price") { Description = "Price of each block over the cap", DefaultValueFactory = _ => 10 };

    public Option<string> Block { get; } = new("--per") { Description = "Block size over the cap", DefaultValueFactory = _ => "50GB" };

    public Option<string> Upload { get; } = new("--upload") { Description = "Upload capacity", DefaultValueFactory = _ => "2.36MB/s" };

    public Option<string[]> Home { get; } = CommonOptions.HomeAddresses();

    public Option<string?> Functions { get; } = new("--functions") { Description = "What each kind of device still does when blocked (JSON; default: paper 002 Fig. 6)" };

    public Option<string?> Latency { get; } = new("--latency") { Description = "How much delay each kind of device works with (JSON; default: paper 002 Fig. 9)" };

    public IEnumerable<Symbol> All => [Captures, Labels, Events, Seed, Tolerance, Window, Sample, K, Cap, Price, Block, Upload, Home, Functions, Latency];

    /// <summary>A command with these inputs and <paramref name="extra"/> options.</summary>
    public Command Command(string name, string description, params Option[] extra)
    {
        var command = new Command(name, description) { Captures };
        foreach (var o in All.OfType<Option>().Concat(extra))
        {
            command.Options.Add(o);
        }

        return command;
    }

    public static DefencePlan ParsePlan(string text)
    {
        try
        {
            return DefenceSpec.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, "--defence: " + e.Message);
        }
    }

    public (ExperimentInput Input, int ExitCode) Load(ParseResult r)
    {
        var tolerance = DurationOption.Parse(r.GetValue(Tolerance)!, "--tolerance", "10s");

        var (w, s, k) = (r.GetValue(Window), r.GetValue(Sample), r.GetValue(K));
        if (s < 1 || w < s || w % s != 0 || k < 1)
        {
            throw new CliException(ExitCodes.Usage, "--window must be a whole number of --sample seconds (both positive), --k at least 1");
        }

        CostOptions cost;
        try
        {
            cost = new CostOptions
            {
                CapBytes = Units.ParseSize(r.GetValue(Cap)!, "--cap"),
                PricePerBlock = double.IsFinite(r.GetValue(Price)) && r.GetValue(Price) >= 0 ? r.GetValue(Price) : throw new FormatException("--price must be 0 or more"),
                BlockBytes = Units.ParseSize(r.GetValue(Block)!, "--per"),
                UploadBytesPerSecond = Units.ParseRate(r.GetValue(Upload)!, "--upload"),
            };
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }

        if (r.GetValue(Events) is not null && r.GetValue(Labels) is null)
        {
            throw new CliException(ExitCodes.Usage, "--events needs --labels to know which station is which device");
        }

        var files = CliException.GuardInput(() => ExperimentFiles.Read(r.GetValue(Labels), r.GetValue(Events), r.GetValue(Functions), r.GetValue(Latency)));
        var home = CommonOptions.ParseHomeAddresses(r.GetValue(Home));
        var paths = r.GetValue(Captures)!;
        (paths, _, var flowCode) = FlowInputs.ReplayIfFlows(paths, home);

        var (trace, code) = TraceLoader.Load(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true, HomeAddresses = home });
        var input = CliException.GuardInput(() => files.Input(
            paths,
            trace,
            new SimulationOptions { Seed = r.GetValue(Seed), HomeAddresses = home },
            new PrivacyOptions { WindowSeconds = w, SampleSeconds = s, K = k, Tolerance = tolerance },
            cost));
        return (input, Math.Max(code, flowCode));
    }
}
