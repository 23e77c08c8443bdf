using System.Globalization;

using Blinds.Protocols.Addressing;
using Blinds.Reports.Export;
using Blinds.Testing;
using Blinds.Traffic.Records;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The export's dns table: one row per query with its answers (issue 14), as Zeek's dns.log.</summary>
public sealed class ExportDnsTests : IClassFixture<LabFixture>, IDisposable
{
    private const long S = 1_000_000_000;
    private static readonly IpAddress Client = Ip("192.168.1.23");
    private static readonly IpAddress Server = Ip("192.168.1.1");
    private static readonly MacAddress Device = MacAddress.Parse("00:17:88:24:76:ff");
    private readonly LabFixture lab;
    private readonly TempDir dir = new();

    public ExportDnsTests(LabFixture lab) => this.lab = lab;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_query_and_its_response_are_one_row_with_the_answers_and_the_round_trip()
    {
        var rows = new List<DnsQueryRow>();
        var q = new DnsQueryTable(rows.Add);
        q.OnDns(Question(10 * S, false, "cam.example.com"));
        q.OnDns(Question(11 * S, false, "lost.example.com")); // never answered
        q.OnDns(Question((10 * S) + 40_000_000, true, "CAM.example.com")); // names are case-insensitive
        q.OnDns(Answer((10 * S) + 40_000_000, "cam.example.com", 5, 300, null, "edge.cdn.example"));
        q.OnDns(Answer((10 * S) + 40_000_000, "edge.cdn.example", 1, 60, Ip("52.1.2.3"), null));
        q.OnDns(Answer((10 * S) + 40_000_000, "edge.cdn.example", 1, 60, Ip("52.1.2.4"), null));
        q.OnDns(Question(20 * S, true, "late.example.com")); // a response whose query came before the capture
        q.OnDns(Answer(20 * S, "late.example.com", 28, 30, Ip("2600:1f18::7"), null));
        q.OnDns(Answer(21 * S, "printer._ipp._tcp.local", 12, 120, null, "Printer._ipp._tcp.local", multicast: true)); // mDNS announcement
        q.Complete();

        Assert.Equal(4, rows.Count);
        var cam = rows.Single(r => r.Query == "cam.example.com");
        Assert.Equal(10 * S, cam.TimeNs);
        Assert.True(cam.Answered);
        Assert.Equal(0.04, cam.RoundTripSeconds, 6);
        Assert.Equal("edge.cdn.example,52.1.2.3,52.1.2.4", cam.Answers);
        Assert.Equal("300,60,60", cam.Ttls);
        Assert.Equal(Device, cam.Device);

        var lost = rows.Single(r => r.Query == "lost.example.com");
        Assert.False(lost.Answered);
        Assert.Null(lost.Answers);
        Assert.Equal(0, lost.RoundTripSeconds);

        var late = rows.Single(r => r.Query == "late.example.com");
        Assert.True(late.Answered);
        Assert.False(late.QuerySeen);
        Assert.Equal(20 * S, late.TimeNs);
        Assert.Equal(0, late.RoundTripSeconds);
        Assert.Equal("2600:1f18::7", late.Answers);

        var mdns = rows.Single(r => r.Multicast);
        Assert.Equal("printer._ipp._tcp.local", mdns.Query);
        Assert.Equal("Printer._ipp._tcp.local", mdns.Answers);
    }

    [Fact]
    public void Exported_dns_has_one_row_per_query_and_the_lab_s_queries_are_answered()
    {
        var pq = dir.File("pq");
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "parquet", "--out", pq).ExitCode);
        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT count(*), count(*) FILTER (WHERE answered), count(*) FILTER (WHERE answered AND answers IS NOT NULL AND rtt > 0), count(*) FILTER (WHERE len(string_split(answers, ',')) <> len(string_split(ttls, ','))) FROM read_parquet('{Path.Combine(pq, "dns.parquet")}') WHERE NOT mdns";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        var (all, responded, timed, mismatched) = (Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture));
        Assert.True(all >= 15, $"{all} queries");
        Assert.True(responded * 10 >= all * 9, $"{responded} of {all} responded");
        Assert.True(timed * 10 >= responded * 9, $"{timed} of {responded} with answers and a round trip");
        Assert.Equal(0, mismatched);
    }

    private static IpAddress Ip(string text) => IpAddress.TryParse(text, out var a) ? a : throw new FormatException(text);

    private static DnsRow Question(long t, bool response, string name) =>
        new(t, Device, Client, Server, false, response, "question", name, 1, 0, null, null);

    private static DnsRow Answer(long t, string owner, ushort type, uint ttl, IpAddress? address, string? target, bool multicast = false) =>
        multicast
            ? new(t, Device, Ip("224.0.0.251"), Client, true, true, "answer", owner, type, ttl, address, target)
            : new(t, Device, Client, Server, false, true, "answer", owner, type, ttl, address, target);
}
