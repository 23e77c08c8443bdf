using BenchmarkDotNet.Attributes;

using Blinds.Capture;
using Blinds.Defences.Simulation;
using Blinds.Defences.Specs;
using Blinds.Lab;
using Blinds.Traffic;
using Blinds.Traffic.Records;

namespace Blinds.Benchmarks;

/// <summary>
/// The audit's defence simulations (issue 16 item 5) on one day of the lab's home (home-24h, whole frames), replayed
/// from the packet log as the audit replays them: one defence per run, so each figure is that defence's own cost
/// (constant-rate padding at the audit's rate for this home is where a long audit's simulation time goes).
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"blinds-bench-sim-{Environment.ProcessId}");
    private string[] paths = [];
    private Trace trace = null!;
    private PacketLog log = null!;
    private DefencePlan plan = DefencePlan.None;

    /// <summary>The defence simulated, as `blinds simulate --defence` spells it.</summary>
    [Params("conceal-dns:sni=true", "tunnel", "tunnel+stp:q=0.1", "tunnel+constant:up=93KB/s,down=28KB/s")]
    public string Defence { get; set; } = "tunnel";

    /// <summary>Writes the day's capture, reads it once into a trace and a packet log.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "home.pcap");
        using (var file = File.Create(path))
        {
            using var w = new PcapWriter(file, LinkType.Ethernet, 65_535);
            new HomeSimulator(Presets.Home24h(1, busy: false)).Run((t, f) => w.Write(t, f, f.Length));
        }

        paths = [path];
        log = new PacketLog(directory);
        trace = TraceBuilder.ReadFiles(paths, new TraceOptions { Bin = TimeSpan.FromSeconds(1), StreamSeries = true }, log);
        plan = DefenceSpec.Parse(Defence);
    }

    /// <summary>One defence over the whole day.</summary>
    [Benchmark(Description = "simulate one defence, one day")]
    public long Simulate() => Simulator.RunMany(paths, trace, [plan], new SimulationOptions { Packets = log })[0].Cost.ObservedUp;

    /// <summary>Deletes the capture and the log.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        log?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
