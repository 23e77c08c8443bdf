using BenchmarkDotNet.Attributes;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Lab;
using Blinds.Protocols;
using Blinds.Traffic;

namespace Blinds.Benchmarks;

/// <summary>
/// Costs per packet of the summary path on one hour of the lab's busy home (about 230,000 packets, headers cut at
/// 96 bytes like a metadata capture), held in memory so that disk and page cache are out of the picture.
/// </summary>
[MemoryDiagnoser]
public class PacketPathBenchmarks
{
    private byte[] capture = [];
    private string file = string.Empty;
    private int packets;

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Presets.Home24h(1, busy: true) with { Duration = TimeSpan.FromHours(1) };
        var ms = new MemoryStream();
        var w = new PcapWriter(ms, LinkType.Ethernet, 96);
        new HomeSimulator(scenario).Run((t, f) =>
        {
            w.Write(t, f.Length > 96 ? f[..96] : f, f.Length);
            packets++;
        });
        capture = ms.ToArray();
        file = Path.Combine(Path.GetTempPath(), $"blinds-bench-{Environment.ProcessId}.pcap");
        File.WriteAllBytes(file, capture);
    }

    /// <summary>Removes the file the file benchmarks read.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(file);

    [Benchmark(Description = "read pcap records")]
    public long Read()
    {
        var log = new AnomalyLog();
        using var r = CaptureReader.Open(new MemoryStream(capture, false), log, "bench");
        long bytes = 0;
        while (r.TryRead(out var p))
        {
            bytes += p.Data.Length;
        }

        return bytes;
    }

    /// <summary>
    /// The way <c>summary</c> reads: a file by path (read(2) into the reader's buffer, page cache warm after the first
    /// iteration), so the copy out of the page cache is measured with the record walk.
    /// </summary>
    [Benchmark(Description = "read pcap records from a file")]
    public long ReadFile()
    {
        var log = new AnomalyLog();
        using var r = CaptureReader.Open(file, log);
        long bytes = 0;
        while (r.TryRead(out var p))
        {
            bytes += p.Data.Length;
        }

        return bytes;
    }

    [Benchmark(Description = "read + decode headers")]
    public int Decode()
    {
        var log = new AnomalyLog();
        using var r = CaptureReader.Open(new MemoryStream(capture, false), log, "bench");
        var info = default(PacketInfo);
        var ports = 0;
        while (r.TryRead(out var p))
        {
            PacketDecoder.Decode(p.LinkType, p.Data, ref info, log);
            ports += info.DestinationPort;
        }

        return ports;
    }

    [Benchmark(Description = "read + decode + build trace")]
    public long Trace()
    {
        var builder = new TraceBuilder();
        using var r = CaptureReader.Open(new MemoryStream(capture, false), builder.Log, "bench");
        builder.Read(r);
        return builder.Build().FlowCount;
    }

    /// <summary>Packets per operation, to turn the times above into packets per second.</summary>
    public int Packets => packets;
}
