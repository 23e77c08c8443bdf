using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

using Xunit;

namespace Blinds.Flows.Tests;

public class ZeekLogReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (CollectingSink Sink, AnomalyLog Log) Read(string name)
    {
        var sink = new CollectingSink();
        var log = new AnomalyLog();
        using var text = File.OpenText(Fixture(name));
        new ZeekLogReader(sink, log).Read(text, name);
        return (sink, log);
    }

    [Fact]
    public void Tsv_conn_rows_become_one_flow_per_direction_with_ip_layer_bytes()
    {
        var (sink, log) = Read("conn.log");

        Assert.Empty(log.Entries);
        Assert.Equal(5, sink.Flows.Count); // 2 + 2 + the unanswered SYN's one direction
        var up = sink.Flows[0];
        Assert.Equal("192.168.1.23", up.SourceIp.ToString());
        Assert.Equal("52.1.2.3", up.DestinationIp.ToString());
        Assert.Equal(1720, up.Bytes);
        Assert.Equal(10, up.Packets);
        Assert.Equal(1_700_000_000_123_456_000L, up.StartNs);
        Assert.Equal(12.5, up.DurationSeconds, 6);
        var down = sink.Flows[1];
        Assert.Equal("52.1.2.3", down.SourceIp.ToString());
        Assert.Equal(5868, down.Bytes);
        Assert.Equal((ushort)443, down.SourcePort);
        var syn = sink.Flows[4];
        Assert.Equal(60, syn.Bytes);
        Assert.Equal(syn.StartNs, syn.EndNs); // duration unset: one packet
    }

    [Fact]
    public void A_log_cut_while_written_counts_the_cut_line_and_the_missing_close()
    {
        var (sink, log) = Read("conn-cut.log");

        Assert.Equal(4, sink.Flows.Count); // the two whole rows
        Assert.Equal(1, log.Count(FlowAnomalies.ZeekBadLine));
        Assert.Equal(1, log.Count(FlowAnomalies.ZeekTruncated));
    }

    [Fact]
    public void Dns_answers_name_their_addresses_with_the_query()
    {
        var (sink, log) = Read("dns.log");

        Assert.Empty(log.Entries);
        Assert.Empty(sink.Flows);
        Assert.True(IpAddress.TryParse("52.1.2.3", out var a));
        Assert.Equal("devs.tplinkcloud.com", sink.Names[a]);
        Assert.Single(sink.Names);
    }

    [Fact]
    public void Json_lines_read_epoch_and_iso_times_and_count_a_cut_last_line()
    {
        var (sink, log) = Read("conn.json");

        Assert.Equal(3, sink.Flows.Count);
        Assert.Equal(1720, sink.Flows[0].Bytes);
        Assert.Equal("fd00::40", sink.Flows[2].SourceIp.ToString());
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 22, 13, 24, 500, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000, sink.Flows[2].StartNs);
        Assert.Equal(1, log.Count(FlowAnomalies.ZeekBadLine));
    }

    [Fact]
    public void Ssl_server_names_name_the_responder()
    {
        var (sink, _) = Read("ssl.json");

        Assert.True(IpAddress.TryParse("52.1.2.3", out var a));
        Assert.Equal("use1-api.tplinkra.com", sink.Names[a]);
        Assert.Single(sink.Names);
    }

    [Fact]
    public void The_kind_of_file_is_read_from_its_content()
    {
        Assert.Equal(FlowInputKind.ZeekLog, FlowReader.Detect(Fixture("conn.log")));
        Assert.Equal(FlowInputKind.ZeekLog, FlowReader.Detect(Fixture("ssl.json")));
        Assert.Equal(FlowInputKind.Unknown, FlowReader.Detect(Fixture("PROVENANCE.md")));
    }

    [Fact]
    public void Reading_several_logs_joins_flows_and_names()
    {
        var flows = FlowReader.ReadFiles([Fixture("conn.log"), Fixture("dns.log"), Fixture("ssl.json")]);

        Assert.Equal(5, flows.Count(FlowSource.Zeek));
        Assert.True(IpAddress.TryParse("52.1.2.3", out var a));
        Assert.Equal("use1-api.tplinkra.com", flows.AddressNames[a]); // the TLS name beats the DNS one
        Assert.Equal("use1-api.tplinkra.com", flows.SniNames[a]);
    }
}
