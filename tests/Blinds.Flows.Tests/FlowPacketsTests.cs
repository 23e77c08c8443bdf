using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Testing;

using FsCheck;
using FsCheck.Xunit;

using Xunit;

namespace Blinds.Flows.Tests;

/// <summary>Flow records replayed as packets: every flow's bytes and packets come back, in time order, inside its span.</summary>
public sealed class FlowPacketsTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Property(MaxTest = 40)]
    public void Replayed_packets_sum_to_each_flows_bytes_and_packets_in_time_order_inside_its_span(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var log = new FlowLog();
        var flows = new List<FlowObservation>();
        for (var i = 0; i < random.Next(1, 12); i++)
        {
            var up = random.Next(2) == 0;
            var home = IpAddress.FromV4(0xc0a8_0100u + (uint)random.Next(2, 9));
            var remote = IpAddress.FromV4(0x3400_0000u + (uint)random.Next(1, 500));
            var packets = random.Next(1, 60);
            var start = 1_700_000_000_000_000_000L + (random.Next(0, 3_600) * 1_000_000_000L);
            var f = new FlowObservation
            {
                Source = FlowSource.NetFlow9,
                StartNs = start,
                EndNs = start + (packets == 1 ? 0 : random.Next(0, 600) * 1_000_000_000L),
                SourceIp = up ? home : remote,
                DestinationIp = up ? remote : home,
                SourcePort = (ushort)(40000 + i),
                DestinationPort = 443,
                Protocol = random.Next(2) == 0 ? (byte)6 : (byte)17,
                Packets = packets,
                Bytes = packets * (long)random.Next(40, 1500) + random.Next(0, packets),
            };
            log.Add(f);
            flows.Add(f);
        }

        var path = dir.File($"replay-{seed.Get}.pcap");
        using (var output = File.Create(path))
        {
            Assert.Equal(flows.Sum(f => f.Packets), FlowPackets.WritePcap(log, output));
        }

        var seen = new Dictionary<(IpAddress, IpAddress, ushort, ushort, byte), (long Bytes, long Packets, long First, long Last)>();
        var anomalies = new AnomalyLog();
        long previous = long.MinValue;
        using (var reader = CaptureReader.Open(path, anomalies))
        {
            while (reader.TryRead(out var record))
            {
                var info = default(PacketInfo);
                Assert.True(PacketDecoder.Decode(record.LinkType, record.Data, ref info, anomalies));
                Assert.True(record.TimestampNs >= previous, "packets out of time order");
                previous = record.TimestampNs;
                var key = (info.SourceIp, info.DestinationIp, info.SourcePort, info.DestinationPort, info.Protocol);
                var (b, p, first, last) = seen.GetValueOrDefault(key, (0, 0, long.MaxValue, long.MinValue));
                seen[key] = (b + info.IpLength, p + 1, Math.Min(first, record.TimestampNs), Math.Max(last, record.TimestampNs));
            }
        }

        foreach (var f in flows)
        {
            var got = seen[(f.SourceIp, f.DestinationIp, f.SourcePort, f.DestinationPort, f.Protocol)];
            Assert.Equal(f.Bytes, got.Bytes);
            Assert.Equal(f.Packets, got.Packets);
            Assert.Equal(f.StartNs, got.First);
            Assert.InRange(got.Last, f.StartNs, f.EndNs);
        }
    }
}
