using System.Text;

using Blinds.Testing;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Xunit;

namespace Blinds.Flows.Tests;

/// <summary>
/// Flow times are data, not an index (issue 15): records stamped 1970, 2106, after tomorrow or years from the others
/// are counted as flow_stamp_outlier and left out, in export captures of NetFlow v5, v9 and IPFIX and in Zeek logs.
/// </summary>
public sealed class FlowTimeTests : IDisposable
{
    private const long S = 1_000_000_000L;
    private const long Day = 86_400L * S;

    // A fixed "now" so that the tests mean the same every day: 2026-12-01.
    private static readonly long Now = 1_796_083_200L * S;
    private static readonly long Bulk = Now - (3 * Day);
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData(0L)] // 1970: an exporter that lost its clock, or a forged record
    [InlineData(4_294_967_295L)] // 2106: a 32-bit clock's end
    [InlineData(946_684_800L)] // 2000: plausible alone, but years from every other record
    [InlineData(1_796_083_200L + (2 * 86_400L))] // the day after tomorrow
    public void A_record_stamped_far_from_the_bulk_is_counted_and_left_out(long seconds)
    {
        var log = new FlowLog();
        for (var i = 0; i < 20; i++)
        {
            log.Add(Flow(Bulk + (i * 60 * S), 2 * S));
        }

        log.Add(Flow(seconds * S, S));
        Assert.Equal(1, log.ScreenTimes(Now));
        Assert.Equal(20, log.Flows.Count);
        Assert.Equal(1, log.Anomalies.Count(FlowAnomalies.StampOutlier));
        Assert.Equal(20, log.Count(FlowSource.Zeek));
        Assert.InRange(log.LastNs!.Value - log.FirstNs!.Value, 0, Day);
    }

    [Fact]
    public void A_clockless_exporter_s_records_are_kept_together_and_a_plausible_stray_among_them_is_not_the_bulk()
    {
        // Uptime-based times of a router that never set its clock: all in January 1970, one forged record in 2026.
        var log = new FlowLog();
        for (var i = 0; i < 30; i++)
        {
            log.Add(Flow((1_000 + (i * 60)) * S, S));
        }

        log.Add(Flow(Bulk, S));
        Assert.Equal(1, log.ScreenTimes(Now));
        Assert.Equal(30, log.Flows.Count);
        Assert.All(log.Flows, f => Assert.True(f.StartNs < 10_000 * S));
    }

    [Property(MaxTest = 200)]
    public Property Whatever_a_minority_of_records_says_the_kept_span_is_bounded_and_the_bulk_is_kept(long[] hostile)
    {
        var bulk = 10 + (hostile.Length * 2);
        var log = new FlowLog();
        for (var i = 0; i < bulk; i++)
        {
            log.Add(Flow(Bulk + (i * S), S));
        }

        foreach (var h in hostile)
        {
            log.Add(Flow(h, 0));
        }

        log.ScreenTimes(Now);
        var span = log.LastNs!.Value - log.FirstNs!.Value;
        return (span <= 2 * (long)FlowLog.MaxDistance.TotalNanoseconds
                && log.Flows.Count(f => f.StartNs >= Bulk && f.StartNs < Bulk + (bulk * S)) >= bulk
                && log.Flows.Count + log.Anomalies.Count(FlowAnomalies.StampOutlier) == bulk + hostile.Length).ToProperty();
    }

    [Fact]
    public void Stray_stamps_in_netflow_v5_v9_and_ipfix_export_captures_are_left_out_and_counted()
    {
        var secs = (uint)(Bulk / S);
        var datagrams = new List<byte[]>
        {
            // v5: the header's clock stamps every record of its packet; one packet from an exporter at 1970.
            V5(secs, 0, ("192.168.1.10", 1500u), ("192.168.1.11", 40u)),
            V5(1_000, 1, ("192.168.1.12", 99u)),
            V5(uint.MaxValue, 2, ("192.168.1.13", 98u)), // 2106

            // v9: a template, then records relative to the exporter's uptime; one packet whose header says 2106.
            ExportBytes.V9(1, 7, 60_000, secs, ExportBytes.Set(0, ExportBytes.V4Template(256)), ExportBytes.Set(256, ExportBytes.V4Record("192.168.1.20", "52.1.2.3", 1_000, 2_000, 700, 5, 40000, 443, 6))),
            ExportBytes.V9(2, 7, 61_000, uint.MaxValue, ExportBytes.Set(256, ExportBytes.V4Record("192.168.1.21", "52.1.2.3", 1_000, 2_000, 700, 5, 40001, 443, 6))),

            // IPFIX with absolute millisecond times: one record now, one in 1970, one five years ahead.
            ExportBytes.Ipfix(0, 9, secs, IpfixTemplate(), ExportBytes.Set(400, [.. IpfixRecord("192.168.1.30", Bulk / 1_000_000), .. IpfixRecord("192.168.1.31", 5_000), .. IpfixRecord("192.168.1.32", (Now + (5 * 365 * Day)) / 1_000_000)])),
        };
        var path = dir.File("export.pcap");
        File.WriteAllBytes(path, CaptureBytes.Pcap(datagrams.Select((d, i) => (Bulk + (i * S), Frames.UdpWith(d, 9995, 2055)))));

        var log = FlowReader.ReadFiles([path], Now);

        Assert.Equal(["192.168.1.10", "192.168.1.11", "192.168.1.20", "192.168.1.30"], log.Flows.Select(f => f.SourceIp.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(5, log.Anomalies.Count(FlowAnomalies.StampOutlier)); // v5 1970 and 2106, v9 2106, IPFIX 1970 and +5 years
        Assert.InRange(log.LastNs!.Value - log.FirstNs!.Value, 0, Day);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stray_stamps_in_zeek_conn_logs_tsv_and_json_are_left_out_and_counted(bool json)
    {
        var times = new[] { Bulk / S, (Bulk / S) + 5, 0L, 4_294_967_295L, 946_684_800L, (Bulk / S) + 9 };
        var text = new StringBuilder();
        if (json)
        {
            foreach (var (t, i) in times.Select((t, i) => (t, i)))
            {
                text.Append($"{{\"ts\":{t}.25,\"uid\":\"C{i}\",\"id.orig_h\":\"192.168.1.{10 + i}\",\"id.orig_p\":40000,\"id.resp_h\":\"52.1.2.3\",\"id.resp_p\":443,\"proto\":\"tcp\",\"duration\":1.5,\"orig_bytes\":10,\"resp_bytes\":20,\"conn_state\":\"SF\",\"orig_pkts\":2,\"orig_ip_bytes\":120,\"resp_pkts\":2,\"resp_ip_bytes\":140}}\n");
            }
        }
        else
        {
            text.Append("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-11-28-00-00-00\n");
            text.Append("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
            text.Append("#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n");
            foreach (var (t, i) in times.Select((t, i) => (t, i)))
            {
                text.Append($"{t}.250000\tC{i}\t192.168.1.{10 + i}\t40000\t52.1.2.3\t443\ttcp\tssl\t1.500000\t10\t20\tSF\tT\tF\t0\tShADadFf\t2\t120\t2\t140\t-\n");
            }

            text.Append("#close\t2026-11-28-01-00-00\n");
        }

        var path = dir.File(json ? "conn.json" : "conn.log");
        File.WriteAllText(path, text.ToString());
        var log = FlowReader.ReadFiles([path], Now);

        Assert.Equal(6, log.Anomalies.Count(FlowAnomalies.StampOutlier)); // 3 connections, each one flow each way
        Assert.Equal(["192.168.1.10", "192.168.1.11", "192.168.1.15"], log.Flows.Where(f => f.SourceIp.IsLocal).Select(f => f.SourceIp.ToString()).Distinct().Order(StringComparer.Ordinal));
        Assert.InRange(log.LastNs!.Value - log.FirstNs!.Value, 0, Day);
    }

    private static FlowObservation Flow(long startNs, long durationNs) => new()
    {
        Source = FlowSource.Zeek,
        StartNs = startNs,
        EndNs = startNs + durationNs,
        SourceIp = Protocols.Addressing.IpAddress.FromV4(0xc0a8_010a),
        DestinationIp = Protocols.Addressing.IpAddress.FromV4(0x3401_0203),
        Bytes = 100,
        Packets = 2,
    };

    // v5 header: uptime 10 s, the given clock, then 48-byte records that started 4 s and ended 9 s after boot.
    private static byte[] V5(uint unixSecs, uint sequence, params (string Source, uint Bytes)[] records)
    {
        var p = new ExportBytes().U16(5).U16(records.Length).U32(10_000).U32(unixSecs).U32(0).U32(sequence).U8(0).U8(0).U16(0);
        foreach (var (src, bytes) in records)
        {
            p.Ip(src).Ip("52.1.2.3").Ip("0.0.0.0").U16(1).U16(2).U32(3).U32(bytes).U32(4_000).U32(9_000)
                .U16(40000).U16(443).U8(0).U8(0x18).U8(6).U8(0).U16(0).U16(0).U8(24).U8(0).U16(0);
        }

        return p.ToArray();
    }

    // sourceIPv4Address, destinationIPv4Address, octetDeltaCount, packetDeltaCount, flowStart/EndMilliseconds.
    private static byte[] IpfixTemplate() => ExportBytes.Set(2, new ExportBytes().U16(400).U16(6)
        .U16(8).U16(4).U16(12).U16(4).U16(1).U16(8).U16(2).U16(8).U16(152).U16(8).U16(153).U16(8).ToArray());

    private static byte[] IpfixRecord(string src, long startMs) => new ExportBytes().Ip(src).Ip("52.9.9.9").U64(4242).U64(3)
        .U64((ulong)startMs).U64((ulong)(startMs + 2_500)).ToArray();
}

/// <summary>Found by fuzzing the Zeek reader (fuzz/Blinds.Fuzz.Tests/Regressions/zeek): stamps past the 64-bit nanosecond range threw OverflowException.</summary>
public class ZeekHugeTimeTests
{
    [Theory]
    [InlineData("179000003456")] // year 7642: past what ns since the epoch hold
    [InlineData("17900000000123456")]
    [InlineData("179000000044444444444444444.123456")] // past decimal's range once scaled
    [InlineData("-99999999999")]
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    public void A_timestamp_beyond_the_nanosecond_range_is_a_bad_line_not_an_exception(string ts)
    {
        var lines = $"{{\"ts\":{ts},\"uid\":\"C1\",\"id.orig_h\":\"192.168.1.2\",\"id.orig_p\":1,\"id.resp_h\":\"52.1.2.3\",\"id.resp_p\":443,\"proto\":\"tcp\",\"conn_state\":\"SF\",\"orig_pkts\":1,\"orig_ip_bytes\":60,\"resp_pkts\":0,\"resp_ip_bytes\":0}}\n"
            + "{\"ts\":1790000000.5,\"uid\":\"C2\",\"id.orig_h\":\"192.168.1.2\",\"id.orig_p\":2,\"id.resp_h\":\"52.1.2.3\",\"id.resp_p\":443,\"proto\":\"tcp\",\"duration\":\"Infinity\",\"conn_state\":\"SF\",\"orig_pkts\":1,\"orig_ip_bytes\":60,\"resp_pkts\":0,\"resp_ip_bytes\":0}\n"
            + "{\"ts\":1790000001.5,\"uid\":\"C3\",\"id.orig_h\":\"192.168.1.2\",\"id.orig_p\":3,\"id.resp_h\":\"52.1.2.3\",\"id.resp_p\":443,\"proto\":\"tcp\",\"duration\":1.0,\"conn_state\":\"SF\",\"orig_pkts\":1,\"orig_ip_bytes\":60,\"resp_pkts\":0,\"resp_ip_bytes\":0}\n";
        var log = new FlowLog();
        new ZeekLogReader(log, log.Anomalies).Read(new StringReader(lines), "test");
        Assert.Equal(2, log.Anomalies.Count(FlowAnomalies.ZeekBadLine));
        Assert.All(log.Flows, f => Assert.Equal(1_790_000_001_500_000_000L, f.StartNs));
        Assert.NotEmpty(log.Flows);
    }
}

/// <summary>Found by fuzzing flow files (fuzz/Blinds.Fuzz.Tests/Regressions/flow-file): a separator header "\x" without hex digits threw FormatException.</summary>
public class ZeekBadSeparatorTests
{
    [Theory]
    [InlineData("\\x\u00189")]
    [InlineData("\\xZZ")]
    [InlineData("\\x")]
    public void A_separator_header_that_cannot_be_read_is_a_bad_line_and_the_tab_is_kept(string separator)
    {
        var text = $"#separator {separator}\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\tconn_state\n"
            + "1790000000.5\tC1\t192.168.1.2\t1\t52.1.2.3\t443\ttcp\t1.0\t1\t60\t1\t80\tSF\n#close\t2026-09-21-01-00-00\n";
        var log = new FlowLog();
        new ZeekLogReader(log, log.Anomalies).Read(new StringReader(text), "test");
        Assert.Equal(1, log.Anomalies.Count(FlowAnomalies.ZeekBadLine));
        Assert.Equal(2, log.Flows.Count);
    }
}
