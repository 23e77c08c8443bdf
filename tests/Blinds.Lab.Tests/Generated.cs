using Blinds.Capture;
using Blinds.Lab;
using Blinds.Traffic;

namespace Blinds.Lab.Tests;

/// <summary>Lab runs in memory, read back with the project's own readers.</summary>
public static class Generated
{
    private static readonly Lazy<(Trace Trace, IReadOnlyList<LabEvent> Events)> Home = new(() => Run(Presets.Home24h(1, busy: false), TimeSpan.FromSeconds(1)));

    public static (Trace Trace, IReadOnlyList<LabEvent> Events) Home24h => Home.Value;

    public static (Trace Trace, IReadOnlyList<LabEvent> Events) Run(Scenario scenario, TimeSpan? bin = null)
    {
        var bytes = Bytes(scenario, out var events);
        var builder = new TraceBuilder(new TraceOptions { Bin = bin, StreamSeries = bin is not null });
        using var reader = CaptureReader.Open(new MemoryStream(bytes), builder.Log, scenario.Name);
        builder.Read(reader);
        return (builder.Build(), events);
    }

    public static byte[] Bytes(Scenario scenario, out IReadOnlyList<LabEvent> events)
    {
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        events = new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        return ms.ToArray();
    }
}
