using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Lab;
using Blinds.Testing;

namespace Blinds.Traffic.Tests;

/// <summary>Lab captures generated in memory, read back into traces.</summary>
public static class LabTrace
{
    private static readonly Lazy<(Scenario, byte[])> PaperLab = new(() => Generate(Presets.PaperLab(1)));

    public static Scenario Scenario => PaperLab.Value.Item1;

    public static byte[] Capture => PaperLab.Value.Item2;

    public static (Scenario Scenario, byte[] Bytes) Generate(Scenario scenario)
    {
        var ms = new MemoryStream();
        using (var w = new PcapNgWriter(new KeepOpenStream(ms), LinkType.Ethernet))
        {
            new HomeSimulator(scenario).Run((t, f) => w.Write(t, f));
        }

        return (scenario, ms.ToArray());
    }

    public static Trace Read(byte[] bytes, TraceOptions? options = null)
    {
        var builder = new TraceBuilder(options);
        using var reader = CaptureReader.Open(new MemoryStream(bytes), builder.Log, "lab");
        builder.Read(reader);
        return builder.Build();
    }
}
