using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

public sealed class FlowCliTests : IClassFixture<LabFixture>, IDisposable
{
    private readonly LabFixture lab;
    private readonly TempDir dir = new();

    public FlowCliTests(LabFixture lab) => this.lab = lab;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Flows_reads_a_zeek_conn_log_into_streams_with_bytes_each_way()
    {
        var log = dir.File("conn.log");
        File.WriteAllText(log, string.Join('\n',
            "#separator \\x09",
            "#path\tconn",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes",
            "1700000000.5\tC1\t192.168.1.23\t49152\t52.1.2.3\t443\ttcp\t2.0\t10\t1720\t9\t5868",
            "1700000010.5\tC2\t192.168.1.23\t49153\t52.1.2.3\t443\ttcp\t1.0\t2\t100\t1\t50",
            "#close\t2023-11-14-23-00-00",
            string.Empty));

        var r = CliRunner.Run(dir.Path, "flows", log, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var s = Assert.Single(doc.RootElement.GetProperty("streams").EnumerateArray());
        Assert.Equal("192.168.1.23", s.GetProperty("home").GetString());
        Assert.Equal(1820, s.GetProperty("bytes_up").GetInt64());
        Assert.Equal(5918, s.GetProperty("bytes_down").GetInt64());
        Assert.Equal(4, doc.RootElement.GetProperty("flows").GetProperty("zeek").GetInt64());
    }

    [Fact]
    public void Flows_on_a_home_capture_says_so_in_one_line()
    {
        var r = CliRunner.Run(dir.Path, "flows", lab.Capture);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("a packet capture of a home, not flow records", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Collect_receives_netflow_v5_on_loopback_and_writes_parquet_duckdb_reads()
    {
        var port = FreeUdpPort();
        var output = dir.File("flows.parquet");
        var run = Task.Run(() => CliRunner.Run(dir.Path, "collect", "--listen", $"127.0.0.1:{port}", "--duration", "6s", "--out", output, "--json"));

        // Two v5 packets, 3 records and 2,240 bytes in all, sent round after round until the run ends: the collector
        // may take a while to start, so how many rounds it hears varies, but each round it hears adds the same.
        long sequence = 0;
        using (var udp = new UdpClient())
        {
            while (!run.IsCompleted)
            {
                udp.Send(V5((uint)sequence, [("192.168.1.10", 1500u, 3u), ("192.168.1.11", 40u, 1u)]), new IPEndPoint(IPAddress.Loopback, port));
                udp.Send(V5((uint)sequence + 2, [("192.168.1.10", 700u, 2u)]), new IPEndPoint(IPAddress.Loopback, port));
                sequence += 3;
                await Task.Delay(300);
            }
        }

        var r = await run;
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var flows = doc.RootElement.GetProperty("flows").GetInt64();
        Assert.True(flows >= 3 && flows % 3 == 0, $"{flows} flows");
        var rounds = flows / 3;

        using var conn = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT sum(bytes)::BIGINT, sum(packets)::BIGINT, count(*) FILTER (WHERE format = 'netflow5'), typeof(min(start)) FROM read_parquet('{output}')";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(2240 * rounds, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(6 * rounds, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        Assert.Equal(flows, Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", reader.GetString(3));
    }

    [Fact]
    public void Collect_never_overwrites_and_rejects_a_bad_endpoint()
    {
        var existing = dir.File("taken.parquet");
        File.WriteAllText(existing, "x");
        Assert.Equal(4, CliRunner.Run(dir.Path, "collect", "--listen", "127.0.0.1:2055", "--duration", "1s", "--out", existing).ExitCode);
        var bad = CliRunner.Run(dir.Path, "collect", "--listen", "localhost", "--out", dir.File("x.parquet"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--listen", bad.Stderr, StringComparison.Ordinal);
    }

    private static int FreeUdpPort()
    {
        using var s = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.Client.LocalEndPoint!).Port;
    }

    private static byte[] V5(uint sequence, (string Src, uint Bytes, uint Packets)[] records)
    {
        var p = new byte[24 + (48 * records.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(p, 5);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)records.Length);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), 60_000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), 1_700_000_000);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(16), sequence);
        for (var i = 0; i < records.Length; i++)
        {
            var r = p.AsSpan(24 + (48 * i));
            IPAddress.Parse(records[i].Src).GetAddressBytes().CopyTo(r);
            new byte[] { 52, 1, 2, 3 }.CopyTo(r[4..]);
            BinaryPrimitives.WriteUInt32BigEndian(r[16..], records[i].Packets);
            BinaryPrimitives.WriteUInt32BigEndian(r[20..], records[i].Bytes);
            BinaryPrimitives.WriteUInt32BigEndian(r[24..], 1_000);
            BinaryPrimitives.WriteUInt32BigEndian(r[28..], 2_000);
            BinaryPrimitives.WriteUInt16BigEndian(r[32..], 40000);
            BinaryPrimitives.WriteUInt16BigEndian(r[34..], 443);
            r[38] = 6;
        }

        return p;
    }
}
