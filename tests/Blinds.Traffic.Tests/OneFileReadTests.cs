using Blinds.Testing;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>
/// One file is read straight from its reader, several through the merge: the same packets give the same trace either
/// way. The merge is made to run by giving it a second file that holds no packet.
/// </summary>
public class OneFileReadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1_000)] // cut inside a record: a truncated-record anomaly at the same offset either way
    public void One_file_alone_reads_as_it_does_through_the_merge(int cut)
    {
        using var dir = new TempDir();
        var path = dir.File("home.pcapng");
        File.WriteAllBytes(path, LabTrace.Capture[..^cut]);
        var empty = dir.File("empty.pcap");
        File.WriteAllBytes(empty, CaptureBytes.Pcap([]));
        var calls = new List<(string, long, long)>();
        var alone = TraceBuilder.ReadFiles([path], progress: (p, at, size) => calls.Add((p, at, size)));
        var merged = TraceBuilder.ReadFiles([path, empty]);

        Assert.Equal(Describe(merged, path), Describe(alone, path));
        Assert.Single(alone.Captures);
        Assert.Equal((path, new FileInfo(path).Length, new FileInfo(path).Length), calls[^1]);
        Assert.Equal(cut > 0, alone.Captures[0].StopError is not null || alone.Anomalies.Entries.Count > 0);
    }

    private static string Describe(Trace trace, string path)
    {
        var c = trace.Captures.Single(c => c.Path == path);
        return string.Join(
            "\n",
            $"{c.Format} {c.Compression} {c.FileBytes} {c.Packets} {c.CapturedBytes} {c.WireBytes} {c.SnappedPackets} {c.TimeOutliers} {c.FirstNs} {c.LastNs} {c.StopError} {c.Interfaces.Count}",
            string.Join(";", trace.Devices.Select(d => $"{d.Mac} {d.IsGateway} {d.PacketsSent} {d.PacketsReceived} {d.BytesUp} {d.BytesDown} {d.BytesLocal} {string.Join(",", d.Addresses)} {string.Join(",", d.DnsQueries.Values)}")),
            string.Join(";", trace.Streams.Select(s => $"{s.Device} {s.Remote} {s.Name} {s.BytesUp} {s.BytesDown} {s.PacketsUp} {s.PacketsDown}")),
            string.Join(";", trace.AddressNames.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")),
            $"flows {trace.FlowCount} peak {trace.PeakOpenFlows}",
            string.Join(";", trace.Anomalies.Entries.Select(e => $"{e.Anomaly.Id}={e.Count}@{e.First.Source}:{e.First.Offset}")));
    }
}
