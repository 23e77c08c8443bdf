using System.Globalization;

using Blinds.Reports.Batch;
using Blinds.Reports.Export;
using Blinds.Testing;

using DuckDB.NET.Data;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>
/// `blinds batch` end to end: small generated homes (one over two days, one with a cut capture, one corrupt, one
/// empty) into a lake that DuckDB reads back with hive partitioning.
/// </summary>
public sealed class BatchTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Batch_writes_a_hive_partitioned_lake_that_duckdb_queries_across_homes_and_counts_the_bad_homes()
    {
        var homes = dir.File("homes");
        Generate(Path.Combine(homes, "alpha"), "sparse", "1");
        Generate(Path.Combine(homes, "bravo"), "sparse", "2", "--repeat", "2");
        Generate(Path.Combine(homes, "charlie"), "paper-lab", "3");

        // A capture cut short is a damaged home: audited on what was read, with a warning. A file that is no
        // capture at all makes its home fail alone; so does a folder without captures.
        var cut = Path.Combine(homes, "delta");
        Directory.CreateDirectory(cut);
        var whole = File.ReadAllBytes(Path.Combine(homes, "alpha", "home.pcapng"));
        File.WriteAllBytes(Path.Combine(cut, "home.pcapng"), whole[..(whole.Length / 2)]);
        var corrupt = Path.Combine(homes, "echo");
        Directory.CreateDirectory(corrupt);
        File.WriteAllBytes(Path.Combine(corrupt, "home.pcapng"), [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) ^ (i >> 3)))]);
        Directory.CreateDirectory(Path.Combine(homes, "foxtrot"));

        var lake = dir.File("lake");
        var run = CliRunner.Run(dir.Path, "batch", homes, "--out", lake, "--jobs", "2");
        Assert.True(run.ExitCode == 3, $"exit {run.ExitCode}: {run.Stderr}");
        var errors = run.Stderr.Split('\n').Where(l => l.StartsWith("blinds: error:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, l => l.Contains("home echo:", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("home foxtrot:", StringComparison.Ordinal));
        Assert.Contains(run.Stderr.Split('\n'), l => l.StartsWith("blinds: warning: home delta:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake, "home=echo")));
        Assert.False(Directory.Exists(Path.Combine(lake, "reports", "echo")));
        foreach (var home in new[] { "alpha", "bravo", "charlie", "delta" })
        {
            Assert.True(File.Exists(Path.Combine(lake, "reports", home, "report.html")), home);
            Assert.True(File.Exists(Path.Combine(lake, "reports", home, "report.json")), home);
        }

        // A home is audited as `blinds audit` audits it (one read feeding the lake and the defences alike).
        var charlie = Path.Combine(homes, "charlie");
        var alone = dir.File("charlie-alone");
        var audit = CliRunner.Run(dir.Path, "audit", Path.Combine(charlie, "home.pcapng"), "--devices", Path.Combine(charlie, "home.devices.csv"), "--events", Path.Combine(charlie, "home.events.csv"), "--out", alone);
        Assert.True(audit.ExitCode == 0, audit.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(alone, "report.json")), File.ReadAllText(Path.Combine(lake, "reports", "charlie", "report.json")));

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        string Glob(string table) => $"read_parquet('{lake}/home=*/day=*/{table}.*parquet', hive_partitioning = true)";

        // Devices per home, from the lake's devices partitions, equal the summary's count and the lab's devices files.
        var devices = Query(db, $"SELECT home, count(DISTINCT mac) FROM {Glob("devices")} GROUP BY home ORDER BY home");
        var summary = Query(db, $"SELECT home, devices FROM read_parquet('{lake}/homes.parquet') WHERE status = 'ok' ORDER BY home");
        Assert.Equal(["alpha", "bravo", "charlie", "delta"], devices.Select(r => r[0]));
        Assert.Equal(summary.Select(r => r[1]), devices.Select(r => r[1]));
        foreach (var home in new[] { "alpha", "bravo", "charlie" })
        {
            var labelled = File.ReadAllLines(Path.Combine(homes, home, "home.devices.csv")).Skip(1).Count(l => l.Length > 0);
            Assert.Equal((long)labelled, devices.Single(r => (string)r[0] == home)[1]);
        }

        // Every packet the audit counted is in the lake once, split by UTC day; the two-day home fills two days.
        var packets = Query(db, $"SELECT home, count(*), count(DISTINCT day) FROM {Glob("packets")} GROUP BY home ORDER BY home");
        var counted = Query(db, $"SELECT home, packets, days FROM read_parquet('{lake}/homes.parquet') WHERE status = 'ok' ORDER BY home");
        Assert.Equal(counted.Select(r => (r[0], r[1])), packets.Select(r => (r[0], r[1])));
        Assert.Equal(2L, packets.Single(r => (string)r[0] == "bravo")[2]);
        Assert.Equal(1L, packets.Single(r => (string)r[0] == "alpha")[2]);
        Assert.True((long)packets.Single(r => (string)r[0] == "delta")[1] < (long)packets.Single(r => (string)r[0] == "alpha")[1]);
        Assert.Empty(Query(db, $"SELECT 1 FROM {Glob("packets")} WHERE strftime(time AT TIME ZONE 'UTC', '%Y-%m-%d') <> CAST(day AS VARCHAR)"));

        // The failed homes are rows too, saying why; the cross-home questions of docs/scale.md run.
        var failed = Query(db, $"SELECT home, error FROM read_parquet('{lake}/homes.parquet') WHERE status = 'failed' ORDER BY home");
        Assert.Equal(["echo", "foxtrot"], failed.Select(r => r[0]));
        Assert.All(failed, r => Assert.False(string.IsNullOrEmpty(r[1] as string)));
        var kinds = Query(db, $"SELECT kind, count(DISTINCT home) FROM read_parquet('{lake}/identified.parquet') WHERE observer = 'isp' GROUP BY kind");
        Assert.NotEmpty(kinds);
        Assert.All(kinds, r => Assert.InRange((long)r[1], 1L, 4L));
        var isp = Query(db, $"SELECT home, isp_identifies FROM read_parquet('{lake}/homes.parquet') WHERE status = 'ok' ORDER BY home");
        var ispRows = Query(db, $"SELECT home, count(*) FROM read_parquet('{lake}/identified.parquet') WHERE observer = 'isp' GROUP BY home ORDER BY home");
        Assert.Equal(isp.Where(r => (long)r[1] > 0).Select(r => (r[0], r[1])), ispRows.Select(r => (r[0], r[1])));

        // Every DuckDB query of docs/scale.md runs on this lake and answers something.
        var scale = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "scale.md"));
        var duckdbPart = scale[..scale.IndexOf("## The same on Apache Spark", StringComparison.Ordinal)];
        var queries = duckdbPart.Split("```sql\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToArray();
        Assert.True(queries.Length >= 4, "docs/scale.md lost its DuckDB queries");
        foreach (var sql in queries)
        {
            var rows = Query(db, sql.Replace("'lake/", $"'{lake}/", StringComparison.Ordinal));
            Assert.True(rows.Count > 0, sql);
        }

        // A lake is never written over.
        var before = Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray();
        var again = CliRunner.Run(dir.Path, "batch", homes, "--out", lake);
        Assert.Equal(4, again.ExitCode);
        Assert.Single(again.Stderr.Trim().Split('\n'));
        Assert.Equal(before, Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray());
    }

    [Fact]
    public void Batch_without_homes_or_with_only_failures_exits_2_in_one_line()
    {
        var homes = dir.File("none");
        Directory.CreateDirectory(homes);
        var run = CliRunner.Run(dir.Path, "batch", homes, "--out", dir.File("lake"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir.File("lake")));

        Directory.CreateDirectory(Path.Combine(homes, "empty"));
        var failed = CliRunner.Run(dir.Path, "batch", homes, "--out", dir.File("lake2"));
        Assert.Equal(2, failed.ExitCode);
        Assert.Contains("home empty:", failed.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.File("lake2"), "homes.parquet")));

        Assert.Equal(1, CliRunner.Run(dir.Path, "batch", homes, "--out", dir.File("lake3"), "--jobs", "0").ExitCode);
    }

    [Fact]
    public void With_strict_a_damaged_home_fails_alone_and_leaves_nothing_in_the_lake()
    {
        var homes = dir.File("homes");
        Generate(Path.Combine(homes, "whole"), "sparse", "4");
        var cut = Path.Combine(homes, "cut");
        Directory.CreateDirectory(cut);
        var bytes = File.ReadAllBytes(Path.Combine(homes, "whole", "home.pcapng"));
        File.WriteAllBytes(Path.Combine(cut, "home.pcapng"), bytes[..(bytes.Length / 3)]);

        var lake = dir.File("lake");
        var run = CliRunner.Run(dir.Path, "batch", homes, "--out", lake, "--strict");
        Assert.True(run.ExitCode == 3, run.Stderr);
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("blinds: error:", StringComparison.Ordinal));
        Assert.Contains("home cut:", error, StringComparison.Ordinal);
        Assert.Contains("--strict", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(lake, "home=cut")));
        Assert.False(Directory.Exists(Path.Combine(lake, "reports", "cut")));
        Assert.True(File.Exists(Path.Combine(lake, "reports", "whole", "report.html")));
    }

    [Fact]
    public void A_home_of_flow_records_is_audited_as_the_isp_sees_it_and_one_mixing_flows_and_captures_fails()
    {
        var homes = dir.File("homes");
        var isp = Path.Combine(homes, "isp");
        Directory.CreateDirectory(isp);
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (2 * 86_400);
        var lines = new System.Text.StringBuilder();
        for (var t = 0; t < 1800; t += 20)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{{\"ts\":{start + t}.5,\"uid\":\"C{t}\",\"id.orig_h\":\"192.168.1.{10 + (t % 3)}\",\"id.orig_p\":{40000 + t},\"id.resp_h\":\"52.1.2.{t % 5}\",\"id.resp_p\":443,\"proto\":\"tcp\",\"duration\":2.0,\"orig_bytes\":{300 + t},\"resp_bytes\":900,\"conn_state\":\"SF\",\"orig_pkts\":4,\"orig_ip_bytes\":{460 + t},\"resp_pkts\":5,\"resp_ip_bytes\":1100}}\n");
        }

        File.WriteAllText(Path.Combine(isp, "conn.json"), lines.ToString());
        var mixed = Path.Combine(homes, "mixed");
        Generate(mixed, "sparse", "5");
        File.Copy(Path.Combine(isp, "conn.json"), Path.Combine(mixed, "conn.json"));

        var lake = dir.File("lake");
        var run = CliRunner.Run(dir.Path, "batch", homes, "--out", lake, "--json");
        Assert.True(run.ExitCode == 3, run.Stderr);
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("blinds: error:", StringComparison.Ordinal));
        Assert.Contains("home mixed:", error, StringComparison.Ordinal);
        Assert.Contains("not both", error, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var row = json.RootElement.GetProperty("homes").EnumerateArray().Single(h => h.GetProperty("home").GetString() == "isp");
        Assert.Equal("ok", row.GetProperty("status").GetString());
        Assert.True(row.GetProperty("packets").GetInt64() > 0);
        Assert.True(File.Exists(Path.Combine(lake, "reports", "isp", "report.html")));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetTempPath(), "blinds-batch-*.pcap"), f => File.GetLastWriteTimeUtc(f) > DateTime.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public void The_lake_tables_of_docs_scale_md_are_the_code_s()
    {
        var scale = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "scale.md"));
        static string Kind(ColumnKind k) => k switch { ColumnKind.Int64 => "BIGINT", ColumnKind.Bool => "BOOLEAN", ColumnKind.Timestamp => "TIMESTAMPTZ", ColumnKind.Double => "DOUBLE", _ => "VARCHAR" };
        void Check<T>(TableSchema<T> table)
        {
            var section = scale[(scale.IndexOf($"### {table.Name}.parquet", StringComparison.Ordinal) + 1)..];
            section = section[..section.IndexOf("\n\n", section.IndexOf("|---", StringComparison.Ordinal), StringComparison.Ordinal)];
            var documented = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => string.Join(' ', l.Split('|', StringSplitOptions.TrimEntries)[1..3]));
            Assert.Equal(table.Columns.Select(c => $"`{c.Name}` {Kind(c.Kind)}"), documented);
        }

        Check(BatchTables.Homes);
        Check(BatchTables.Identified);
    }

    private void Generate(string home, string preset, string seed, params string[] more)
    {
        Directory.CreateDirectory(home);
        var r = CliRunner.Run(dir.Path, ["lab", "generate", "--preset", preset, "--seed", seed, "--out", Path.Combine(home, "home.pcapng"), .. more]);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    private static List<object[]> Query(DuckDBConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i) is var v && v is int or short or byte or ulong or uint ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The lake's day partitions keep two days open per table; a row for a day already closed starts a further file there, and no row is lost.</summary>
public sealed class LakeSinkTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Rows_jumping_between_three_days_land_in_their_days_across_part_files()
    {
        const long Day = 86_400_000_000_000;
        var first = new DateTimeOffset(2026, 1, 5, 23, 59, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var home = dir.File("home=x");
        var expected = new Dictionary<string, int>();
        var sink = new Blinds.Reports.Batch.LakeSink(home);
        var n = 0;

        // Days 0, 1, 2, then back to 0 and 1: the third day closes the first; going back opens a second file. The
        // queries go unanswered: each is a dns row too, written when it times out or at the end.
        foreach (var d in new[] { 0, 1, 2, 0, 1, 2, 0 })
        {
            for (var i = 0; i < 3; i++)
            {
                var t = first + (d * Day) + (i * 1_000_000_000L);
                sink.OnDns(new Blinds.Traffic.Records.DnsRow(t, default, default, default, false, false, "question", $"n{n++}.example", 1, 0, null, null));
                var day = Blinds.Reports.Batch.LakePartitions.Day(t);
                expected[day] = expected.GetValueOrDefault(day) + 1;
            }
        }

        sink.Dispose();
        Assert.Equal(21, sink.RowCounts["dns_records"]);
        Assert.Equal(21, sink.RowCounts["dns"]);

        Assert.True(File.Exists(Path.Combine(home, "day=2026-01-05", "dns_records.1.parquet")));
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT CAST(day AS VARCHAR), count(*), count(*) FILTER (WHERE strftime(time AT TIME ZONE 'UTC', '%Y-%m-%d') = CAST(day AS VARCHAR)) FROM read_parquet('{home}/day=*/dns_records.*parquet', hive_partitioning = true) GROUP BY ALL ORDER BY 1";
        using var r = cmd.ExecuteReader();
        var got = new Dictionary<string, int>();
        while (r.Read())
        {
            Assert.Equal(r.GetInt64(1), r.GetInt64(2));
            got[r.GetString(0)] = (int)r.GetInt64(1);
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key), got.OrderBy(kv => kv.Key));
        Assert.Equal(3, got.Count);
    }

    [Theory]
    [InlineData(0L, "1970-01-01")]
    [InlineData(-1L, "1969-12-31")]
    [InlineData(1_767_657_599_999_999_999L, "2026-01-05")]
    [InlineData(1_767_657_600_000_000_000L, "2026-01-06")]
    public void A_day_is_the_utc_date_floored(long ns, string day) => Assert.Equal(day, Blinds.Reports.Batch.LakePartitions.Day(ns));

    [Theory]
    [InlineData("alice", "home=alice")]
    [InlineData("flat 3/b=c", "home=flat 3%2Fb%3Dc")]
    public void Home_names_are_escaped_as_hive_escapes_partition_values(string name, string folder) => Assert.Equal(folder, Blinds.Reports.Batch.LakePartitions.HomeFolder(name));
}
