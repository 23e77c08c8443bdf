using System.Diagnostics;
using System.Net;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Lab;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Flows.Tests;

/// <summary>
/// A lab capture turned into NetFlow v9 and IPFIX by softflowd (Debian's, installed by .ci/run), received by the
/// collector on loopback: every 5-tuple of the lab is found with the bytes and packets softflowd counted, which are
/// the capture's own IP-layer sums.
/// </summary>
public sealed class SoftflowdTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [SkippableTheory]
    [InlineData(9)]
    [InlineData(10)]
    public async Task Softflowd_export_of_a_lab_capture_has_the_lab_streams_and_byte_counts(int version)
    {
        Skip.IfNot(File.Exists("/usr/sbin/softflowd"), "softflowd is not installed (apt install softflowd; .ci/run does)");
        var capture = dir.File("lab.pcap");
        LabOutput.Write(Presets.Get("paper-lab", 3)!, capture);
        var truth = Truth(capture);

        using var collector = new FlowCollector(new IPEndPoint(IPAddress.Loopback, 0));
        var flows = new FlowLog();
        var decoder = new NetFlowDecoder(flows.Anomalies);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var receiving = collector.RunAsync(decoder, flows, quiet: TimeSpan.FromSeconds(3), cancel.Token);
        using (var softflowd = Process.Start(new ProcessStartInfo("/usr/sbin/softflowd", ["-d", "-r", capture, "-n", $"127.0.0.1:{collector.LocalEndpoint.Port}", "-v", version.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            await softflowd.StandardOutput.ReadToEndAsync();
            await softflowd.WaitForExitAsync();
            Assert.Equal(0, softflowd.ExitCode);
        }

        await receiving;

        Assert.Empty(flows.Anomalies.Entries);
        Assert.Equal(version == 9 ? FlowSource.NetFlow9 : FlowSource.Ipfix, flows.Flows[0].Source);
        var got = flows.Flows
            .GroupBy(f => Tuple5.Of(f.SourceIp, f.DestinationIp, f.Protocol, f.SourcePort, f.DestinationPort))
            .ToDictionary(g => g.Key, g => (Bytes: g.Sum(f => f.Bytes), Packets: g.Sum(f => f.Packets)));
        Assert.True(truth.Count > 20, $"the lab capture has only {truth.Count} 5-tuples");
        Assert.Equal(truth.Count, got.Count);
        foreach (var (key, want) in truth)
        {
            Assert.True(got.TryGetValue(key, out var have), $"{key} missing from softflowd's export");
            Assert.Equal(want, have);
        }
    }

    [SkippableFact]
    public async Task A_capture_of_the_export_datagrams_reads_like_the_live_collector()
    {
        Skip.IfNot(File.Exists("/usr/sbin/softflowd"), "softflowd is not installed (apt install softflowd; .ci/run does)");
        var capture = dir.File("lab.pcap");
        LabOutput.Write(Presets.Get("paper-lab", 3)!, capture);

        // Receive softflowd's datagrams, then write them as a collector-side capture (UDP to port 2055).
        var datagrams = new List<byte[]>();
        using (var collector = new FlowCollector(new IPEndPoint(IPAddress.Loopback, 0)))
        {
            collector.OnDatagram = (d, _) => datagrams.Add(d.ToArray());
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var receiving = collector.RunAsync(new NetFlowDecoder(new AnomalyLog()), new RawSink(), TimeSpan.FromSeconds(3), cancel.Token);
            using var softflowd = Process.Start("/usr/sbin/softflowd", ["-d", "-r", capture, "-n", $"127.0.0.1:{collector.LocalEndpoint.Port}", "-v", "9"]);
            await softflowd.WaitForExitAsync();
            await receiving;
        }

        Assert.NotEmpty(datagrams);
        var exportCapture = ExportCapture("export.pcap", datagrams);
        Assert.Equal(FlowInputKind.ExportCapture, FlowReader.Detect(exportCapture));
        Assert.Equal(FlowInputKind.PacketCapture, FlowReader.Detect(capture));

        var fromCapture = FlowReader.ReadFiles([exportCapture]);
        Assert.Empty(fromCapture.Anomalies.Entries);
        var truth = Truth(capture);
        Assert.Equal(truth.Values.Sum(v => v.Bytes), fromCapture.Flows.Sum(f => f.Bytes));

        // The same export without its second datagram: a sequence gap; without its first (the templates): data
        // before its template. Counted, not fatal, and the flows that could be read are kept.
        Assert.True(datagrams.Count >= 3, $"softflowd sent only {datagrams.Count} datagrams");
        var gap = FlowReader.ReadFiles([ExportCapture("gap.pcap", datagrams.Where((_, i) => i != 1))]);
        Assert.Equal(1, gap.Anomalies.Count(FlowAnomalies.SequenceGap));
        Assert.InRange(gap.Flows.Sum(f => f.Bytes), 1, truth.Values.Sum(v => v.Bytes) - 1);
        var untemplated = FlowReader.ReadFiles([ExportCapture("untemplated.pcap", datagrams.Skip(1))]);
        Assert.True(untemplated.Anomalies.Count(FlowAnomalies.DataBeforeTemplate) >= 1);
        Assert.Equal(0, untemplated.Anomalies.Count(FlowAnomalies.SequenceGap));
    }

    private string ExportCapture(string name, IEnumerable<byte[]> datagrams)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, CaptureBytes.Pcap(datagrams.Select((d, i) => (1_700_000_000_000_000_000L + (i * 1_000_000L), Frames.UdpWith(d, 40000, 2055)))));
        return path;
    }

    // What the capture itself says: IP-layer bytes and packets per 5-tuple (softflowd counts IPv4 and IPv6 alike).
    private static Dictionary<Tuple5, (long Bytes, long Packets)> Truth(string capture)
    {
        var log = new AnomalyLog();
        var sums = new Dictionary<Tuple5, (long Bytes, long Packets)>();
        using var reader = CaptureReader.Open(capture, log);
        while (reader.TryRead(out var record))
        {
            var info = default(PacketInfo);
            if (!PacketDecoder.Decode(record.LinkType, record.Data, ref info, log) || info.IpVersion == 0)
            {
                continue;
            }

            var key = Tuple5.Of(info.SourceIp, info.DestinationIp, info.Protocol, info.SourcePort, info.DestinationPort);
            var (b, p) = sums.GetValueOrDefault(key);
            sums[key] = (b + info.IpLength, p + 1);
        }

        return sums;
    }

    private readonly record struct Tuple5(IpAddress Source, IpAddress Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
    {
        // Only TCP and UDP have ports; exporters put ICMP type and code where ports go, and that is not compared.
        public static Tuple5 Of(IpAddress source, IpAddress destination, byte protocol, ushort sourcePort, ushort destinationPort) =>
            protocol is 6 or 17 ? new(source, destination, protocol, sourcePort, destinationPort) : new(source, destination, protocol, 0, 0);
    }

    private sealed class RawSink : IFlowSink
    {
        public void Add(in FlowObservation flow)
        {
        }

        public void AddName(IpAddress address, string name, bool fromTls)
        {
        }
    }
}
