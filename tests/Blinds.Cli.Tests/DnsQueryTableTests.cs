using Blinds.Protocols.Addressing;
using Blinds.Reports.Export;
using Blinds.Traffic.Records;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The export's dns table: records paired into one row per query, as Zeek's dns.log.</summary>
public sealed class DnsQueryTableTests
{
    private const long S = 1_000_000_000;
    private static readonly MacAddress Phone = new(0x02_00_00_00_00_07UL);
    private static readonly IpAddress Client = IpAddress.FromV4(0xC0A8_0107);
    private static readonly IpAddress Resolver = IpAddress.FromV4(0xC0A8_0101);
    private static readonly IpAddress MdnsGroup = IpAddress.FromV4(0xE000_00FB);

    private static DnsRow Question(long t, ushort id, string name, bool response = false, int rcode = 0) =>
        new(t, Phone, Client, Resolver, false, response, "question", name, 1, 0, null, null) { TransactionId = id, ResponseCode = rcode };

    private static DnsRow Answer(long t, ushort id, string owner, uint address, uint ttl) =>
        new(t, Phone, Client, Resolver, false, true, "answer", owner, 1, ttl, IpAddress.FromV4(address), null) { TransactionId = id };

    private static List<DnsQueryRow> Run(IEnumerable<DnsRow> rows)
    {
        var written = new List<DnsQueryRow>();
        var table = new DnsQueryTable(written.Add);
        foreach (var r in rows)
        {
            table.OnDns(r);
        }

        table.Complete();
        return written;
    }

    [Fact]
    public void A_response_answers_its_query_with_every_answer_and_the_round_trip()
    {
        var rows = Run([
            Question(10 * S, 7, "a.example"),
            Question(11 * S, 8, "b.example"),
            Question(11 * S + (S / 20), 7, "a.example", response: true),
            Answer(11 * S + (S / 20), 7, "a.example", 0x5DB8D822, 300),
            Answer(11 * S + (S / 20), 7, "a.example", 0x5DB8D823, 60),
            Question(12 * S, 8, "b.example", response: true, rcode: 3),
        ]);

        Assert.Equal(2, rows.Count);
        var a = rows.Single(r => r.Query == "a.example");
        Assert.Equal(10 * S, a.TimeNs);
        Assert.True(a.QuerySeen && a.Answered);
        Assert.Equal("NOERROR", a.ResponseCode);
        Assert.Equal(1.05, a.RoundTripSeconds, 6);
        Assert.Equal("93.184.216.34,93.184.216.35", a.Answers);
        Assert.Equal("300,60", a.Ttls);
        var b = rows.Single(r => r.Query == "b.example");
        Assert.Equal("NXDOMAIN", b.ResponseCode);
        Assert.Null(b.Answers);
    }

    [Fact]
    public void A_query_without_response_is_written_unanswered_after_the_timeout_and_a_response_alone_on_its_own()
    {
        var announce = new DnsRow(100 * S, Phone, MdnsGroup, Client, true, true, "answer", "hue._hap._tcp.local", 12, 4500, null, "Hue Bridge._hap._tcp.local");
        var rows = Run([Question(10 * S, 1, "lost.example"), announce, Question(101 * S, 2, "late.example")]);

        Assert.Equal(["lost.example", "hue._hap._tcp.local", "late.example"], rows.Select(r => r.Query));
        Assert.False(rows[0].Answered);
        Assert.Null(rows[0].ResponseCode);
        Assert.False(rows[1].QuerySeen);
        Assert.True(rows[1].Multicast);
        Assert.Equal("Hue Bridge._hap._tcp.local", rows[1].Answers);
        Assert.False(rows[2].Answered);
    }

    [Fact]
    public void Pending_queries_are_bounded()
    {
        var written = new List<DnsQueryRow>();
        var table = new DnsQueryTable(written.Add);
        for (var i = 0; i < DnsQueryTable.MaxPending + 10; i++)
        {
            table.OnDns(Question(S + i, (ushort)i, $"q{i}.example"));
        }

        // The oldest are written unanswered as the newest arrive: memory holds MaxPending at most.
        Assert.Equal(10, written.Count);
        Assert.All(written, r => Assert.False(r.Answered));
    }

    [Property(MaxTest = 200)]
    public bool Every_query_is_one_row_whatever_is_answered(bool[] answered, byte[] gaps)
    {
        var rows = new List<DnsRow>();
        var t = S;
        for (var i = 0; i < answered.Length; i++)
        {
            t += (gaps.Length > 0 ? gaps[i % gaps.Length] : 1) * S / 10;
            rows.Add(Question(t, (ushort)i, $"q{i}.example"));
            if (answered[i])
            {
                rows.Add(Question(t + 1, (ushort)i, $"q{i}.example", response: true));
                rows.Add(Answer(t + 1, (ushort)i, $"q{i}.example", 0x0A000001, 5));
            }
        }

        var written = Run(rows);
        return written.Count == answered.Length
            && written.Select(r => r.Query).Distinct().Count() == answered.Length
            && written.All(r => r.QuerySeen && r.Answered == answered[int.Parse(r.Query[1..r.Query.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
