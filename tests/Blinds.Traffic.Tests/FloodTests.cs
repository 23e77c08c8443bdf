using Blinds.Testing;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>A flooded LAN keeps the stations that sent most and counts the rest, so every per-station analysis stays bounded.</summary>
public class FloodTests
{
    [Fact]
    public void A_flood_keeps_the_busiest_thousand_stations_and_counts_the_rest()
    {
        var ms = new MemoryStream();
        HostileCaptures.MacFlood(ms, 5_000, seed: 9);
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("flood.pcap"), ms.ToArray());
        File.WriteAllBytes(dir.File("home.pcapng"), LabTrace.Capture);
        var trace = TraceBuilder.ReadFiles([dir.File("flood.pcap"), dir.File("home.pcapng")]);
        Assert.True(trace.Flooded);
        Assert.True(trace.StationsSeen > Trace.FloodStations);
        Assert.InRange(trace.Devices.Count, Trace.FloodStations, Trace.FloodStations + 1);
        Assert.Equal(trace.StationsSeen - trace.Devices.Count, trace.Anomalies.Count(TraceBuilder.StationsNotAnalysed));
        var devices = trace.Devices.Select(d => d.Mac).ToHashSet();
        Assert.All(trace.Streams, s => Assert.Contains(s.Device, devices));

        // The home's own devices send far more than one frame each: none of them is cut.
        Assert.All(LabTrace.Scenario.Devices, d => Assert.NotNull(trace.FindDevice(d.Mac)));
        Assert.Equal(LabTrace.Scenario.GatewayMac, trace.Gateway?.Mac);
    }

    [Fact]
    public void A_home_is_never_cut()
    {
        var trace = LabTrace.Read(LabTrace.Capture);
        Assert.False(trace.Flooded);
        Assert.Equal(trace.Devices.Count, trace.StationsSeen);
        Assert.Equal(0, trace.Anomalies.Count(TraceBuilder.StationsNotAnalysed));
    }
}
