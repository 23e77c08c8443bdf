using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Flows.Tests;

public class NetFlowDecoderTests
{
    private static readonly IpAddress Exporter = IpAddress.FromV4(0x0a00_0001);

    [Fact]
    public void V5_records_carry_addresses_ports_counts_and_wall_clock_times()
    {
        // Header: 2 records, uptime 10 s, unix 1,700,000,000 s + 500 ms, sequence 0.
        var p = new ExportBytes().U16(5).U16(2).U32(10_000).U32(1_700_000_000).U32(500_000_000).U32(0).U8(0).U8(0).U16(0);
        foreach (var (src, bytes) in new[] { ("192.168.1.10", 1500u), ("192.168.1.11", 40u) })
        {
            p.Ip(src).Ip("52.1.2.3").Ip("0.0.0.0").U16(1).U16(2).U32(3).U32(bytes).U32(4_000).U32(9_000)
                .U16(40000).U16(443).U8(0).U8(0x18).U8(6).U8(0).U16(0).U16(0).U8(24).U8(0).U16(0);
        }

        var log = new AnomalyLog();
        var sink = new CollectingSink();
        new NetFlowDecoder(log).Decode(p.ToArray(), Exporter, sink);

        Assert.Equal(2, sink.Flows.Count);
        var f = sink.Flows[0];
        Assert.Equal(FlowSource.NetFlow5, f.Source);
        Assert.Equal("192.168.1.10", f.SourceIp.ToString());
        Assert.Equal("52.1.2.3", f.DestinationIp.ToString());
        Assert.Equal((ushort)40000, f.SourcePort);
        Assert.Equal((ushort)443, f.DestinationPort);
        Assert.Equal((byte)6, f.Protocol);
        Assert.Equal(1500, f.Bytes);
        Assert.Equal(3, f.Packets);

        // Boot was at 1,700,000,000.5 s - 10 s; the flow started 4 s after boot and ended 9 s after.
        Assert.Equal(((1_700_000_000_500L - 10_000) + 4_000) * 1_000_000, f.StartNs);
        Assert.Equal(5.0, f.DurationSeconds, 6);
        Assert.Empty(log.Entries);
    }

    [Theory]
    [InlineData(56, 57, "00:17:88:24:76:ff", "b8:27:eb:00:00:01")] // softflowd -T ether: SRC_MAC and OUT_DST_MAC
    [InlineData(56, 80, "00:17:88:24:76:ff", "b8:27:eb:00:00:01")] // IPFIX sourceMacAddress, destinationMacAddress
    [InlineData(81, 80, "00:17:88:24:76:ff", "b8:27:eb:00:00:01")] // OUT_SRC_MAC stands in for a missing 56
    public void V9_mac_fields_give_each_flow_its_sender_and_receiver_mac(int sourceField, int destinationField, string source, string destination)
    {
        var template = ExportBytes.Set(0, new ExportBytes().U16(256).U16(5)
            .U16(8).U16(4).U16(12).U16(4).U16(1).U16(4).U16(sourceField).U16(6).U16(destinationField).U16(6).ToArray());
        var record = new ExportBytes().Ip("192.168.1.10").Ip("52.1.2.3").U32(700)
            .Raw(Convert.FromHexString(source.Replace(":", string.Empty, StringComparison.Ordinal)))
            .Raw(Convert.FromHexString(destination.Replace(":", string.Empty, StringComparison.Ordinal))).ToArray();
        var sink = new CollectingSink();

        new NetFlowDecoder(new AnomalyLog()).Decode(ExportBytes.V9(1, 7, 60_000, 1_700_000_000, template, ExportBytes.Set(256, record)), Exporter, sink);

        var f = Assert.Single(sink.Flows);
        Assert.Equal(MacAddress.Parse(source), new MacAddress(f.SourceMac));
        Assert.Equal(MacAddress.Parse(destination), new MacAddress(f.DestinationMac));
    }

    [Fact]
    public void V9_data_before_its_template_is_counted_and_skipped_then_decoded_once_the_template_arrives()
    {
        var data = ExportBytes.Set(256, ExportBytes.V4Record("192.168.1.10", "52.1.2.3", 1_000, 2_000, 700, 5, 5353, 53, 17));
        var template = ExportBytes.Set(0, ExportBytes.V4Template(256));
        var log = new AnomalyLog();
        var sink = new CollectingSink();
        var decoder = new NetFlowDecoder(log);

        decoder.Decode(ExportBytes.V9(1, 7, 60_000, 1_700_000_000, data), Exporter, sink);
        Assert.Empty(sink.Flows);
        Assert.Equal(1, log.Count(FlowAnomalies.DataBeforeTemplate));

        decoder.Decode(ExportBytes.V9(2, 7, 61_000, 1_700_000_001, template, data), Exporter, sink);
        var f = Assert.Single(sink.Flows);
        Assert.Equal(700, f.Bytes);
        Assert.Equal(5, f.Packets);
        Assert.Equal((byte)17, f.Protocol);
        Assert.Equal((((1_700_000_001L * 1000) - 61_000) + 1_000) * 1_000_000, f.StartNs);
        Assert.Equal(0, log.Count(FlowAnomalies.SequenceGap));
    }

    [Fact]
    public void Templates_are_kept_per_exporter_and_source_id()
    {
        var template = ExportBytes.Set(0, ExportBytes.V4Template(300));
        var data = ExportBytes.Set(300, ExportBytes.V4Record("10.0.0.2", "52.1.2.3", 0, 0, 100, 1, 1, 2, 6));
        var log = new AnomalyLog();
        var sink = new CollectingSink();
        var decoder = new NetFlowDecoder(log);
        decoder.Decode(ExportBytes.V9(1, 1, 0, 1_700_000_000, template), Exporter, sink);

        decoder.Decode(ExportBytes.V9(1, 2, 0, 1_700_000_000, data), Exporter, sink); // other source id
        decoder.Decode(ExportBytes.V9(2, 1, 0, 1_700_000_000, data), IpAddress.FromV4(0x0a00_0002), sink); // other exporter
        Assert.Empty(sink.Flows);
        Assert.Equal(2, log.Count(FlowAnomalies.DataBeforeTemplate));

        decoder.Decode(ExportBytes.V9(2, 1, 0, 1_700_000_000, data), Exporter, sink);
        Assert.Single(sink.Flows);
    }

    [Fact]
    public void Sequence_gaps_are_counted_per_domain_and_a_step_back_is_not_a_gap()
    {
        var template = ExportBytes.Set(0, ExportBytes.V4Template(256));
        var log = new AnomalyLog();
        var decoder = new NetFlowDecoder(log);
        var sink = new CollectingSink();
        foreach (var seq in new uint[] { 10, 11, 14, 15, 3, 4 })
        {
            decoder.Decode(ExportBytes.V9(seq, 0, 0, 1_700_000_000, template), Exporter, sink);
        }

        Assert.Equal(1, log.Count(FlowAnomalies.SequenceGap)); // 11 → 14; 15 → 3 is an exporter restart
    }

    [Fact]
    public void Ipfix_counts_data_records_for_its_sequence_and_reads_variable_length_and_millisecond_fields()
    {
        // Template 400: sourceIPv4Address, destinationIPv4Address, octetDeltaCount (8), packetDeltaCount (8),
        // flowStartMilliseconds, flowEndMilliseconds, a variable-length interfaceName (82), protocolIdentifier.
        var template = ExportBytes.Set(2, new ExportBytes().U16(400).U16(8)
            .U16(8).U16(4).U16(12).U16(4).U16(1).U16(8).U16(2).U16(8).U16(152).U16(8).U16(153).U16(8).U16(82).U16(65535).U16(4).U16(1).ToArray());
        static byte[] Record(string src, ulong bytes, string name) => new ExportBytes().Ip(src).Ip("52.9.9.9").U64(bytes).U64(3)
            .U64(1_700_000_000_250).U64(1_700_000_002_750).U8(name.Length).Raw(System.Text.Encoding.ASCII.GetBytes(name)).U8(6).ToArray();
        var data = ExportBytes.Set(400, [.. Record("192.168.1.5", 4242, "br-lan"), .. Record("192.168.1.6", 17, "eth0")]);

        var log = new AnomalyLog();
        var sink = new CollectingSink();
        var decoder = new NetFlowDecoder(log);
        decoder.Decode(ExportBytes.Ipfix(0, 9, 1_700_000_010, template, data), Exporter, sink);
        decoder.Decode(ExportBytes.Ipfix(2, 9, 1_700_000_011, data), Exporter, sink); // 2 records sent before: no gap
        decoder.Decode(ExportBytes.Ipfix(7, 9, 1_700_000_012, data), Exporter, sink); // expected 4: a gap

        Assert.Equal(6, sink.Flows.Count);
        Assert.Equal(4242, sink.Flows[0].Bytes);
        Assert.Equal(17, sink.Flows[1].Bytes);
        Assert.Equal("192.168.1.6", sink.Flows[1].SourceIp.ToString());
        Assert.Equal(1_700_000_000_250L * 1_000_000, sink.Flows[0].StartNs);
        Assert.Equal(2.5, sink.Flows[0].DurationSeconds, 6);
        Assert.Equal(FlowSource.Ipfix, sink.Flows[0].Source);
        Assert.Equal(1, log.Count(FlowAnomalies.SequenceGap));
    }

    [Fact]
    public void A_cut_export_packet_keeps_the_whole_records_and_counts_the_cut()
    {
        var template = ExportBytes.Set(0, ExportBytes.V4Template(256));
        var packet = ExportBytes.V9(1, 0, 0, 1_700_000_000, template, ExportBytes.Set(256, [
            .. ExportBytes.V4Record("192.168.1.10", "52.1.2.3", 0, 0, 100, 1, 1, 2, 6),
            .. ExportBytes.V4Record("192.168.1.10", "52.1.2.3", 0, 0, 200, 2, 1, 2, 6)]));
        var log = new AnomalyLog();
        var sink = new CollectingSink();
        new NetFlowDecoder(log).Decode(packet.AsSpan(0, packet.Length - 10), Exporter, sink);

        Assert.Empty(sink.Flows); // the set's length runs past the packet: nothing in it can be trusted
        Assert.Equal(1, log.Count(FlowAnomalies.TruncatedRecord));
    }

    [Fact]
    public void Other_versions_are_counted_not_decoded()
    {
        var log = new AnomalyLog();
        new NetFlowDecoder(log).Decode(new ExportBytes().U16(7).U16(0).U32(0).U32(0).U32(0).ToArray(), Exporter, new CollectingSink());
        Assert.Equal(1, log.Count(FlowAnomalies.UnknownVersion));
    }

    [Property(MaxTest = 500)]
    public bool Any_bytes_decode_without_throwing(byte[] payload, bool asV9, bool asIpfix)
    {
        if (payload.Length >= 2)
        {
            payload[0] = 0;
            payload[1] = asIpfix ? (byte)10 : asV9 ? (byte)9 : (byte)5;
        }

        var decoder = new NetFlowDecoder(new AnomalyLog());
        var sink = new CollectingSink();
        decoder.Decode(payload, Exporter, sink);
        decoder.Decode(payload, Exporter, sink); // a second time, with whatever templates the first left behind
        return sink.Flows.All(f => f.EndNs >= f.StartNs);
    }
}
