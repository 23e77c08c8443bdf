using System.Globalization;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Exported times are UTC instants with their zone: TIMESTAMPTZ in DuckDB, the same instant as in Parquet.</summary>
public sealed class ExportTimeTests : IClassFixture<LabFixture>, IDisposable
{
    private readonly LabFixture lab;
    private readonly TempDir dir = new();

    public ExportTimeTests(LabFixture lab) => this.lab = lab;

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Duckdb_time_columns_are_timestamptz_holding_the_parquet_instants()
    {
        var db = dir.File("home.duckdb");
        var pq = dir.File("pq");
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "duckdb", "--out", db).ExitCode);
        Assert.Equal(0, CliRunner.Run(dir.Path, "export", lab.Capture, "--to", "parquet", "--out", pq).ExitCode);

        using var conn = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db}");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*), count(*) FILTER (WHERE data_type = 'TIMESTAMP WITH TIME ZONE') FROM information_schema.columns WHERE column_name IN ('time', 'first', 'last')";
        using (var r = cmd.ExecuteReader())
        {
            Assert.True(r.Read());
            Assert.True(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture) >= 3);
            Assert.Equal(r.GetValue(0), r.GetValue(1));
        }

        // The same instant both ways, whatever zone the session is in.
        cmd.CommandText = $"SET TimeZone = 'America/New_York'; SELECT epoch_us((SELECT min(time) FROM packets)) = epoch_us((SELECT min(time) FROM read_parquet('{Path.Combine(pq, "packets.parquet")}')))";
        Assert.Equal(true, cmd.ExecuteScalar());
    }
}
