using System.Diagnostics;
using System.Text;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>Flow records stamped 1970 and 2106 among a day's records: one warning line, and the attacks still run at the records' own span.</summary>
public sealed class FlowTimeCliTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Stray_stamped_zeek_records_are_one_warning_and_identify_activity_and_simulate_finish()
    {
        // Two devices talking to three services for an hour, two days ago, plus one connection stamped 1970 and one 2106.
        var start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (2 * 86_400);
        var lines = new StringBuilder();
        var uid = 0;
        void Conn(long ts, string orig, string resp, int bytes) =>
            lines.Append($"{{\"ts\":{ts}.5,\"uid\":\"C{uid++}\",\"id.orig_h\":\"{orig}\",\"id.orig_p\":{40000 + uid},\"id.resp_h\":\"{resp}\",\"id.resp_p\":443,\"proto\":\"tcp\",\"duration\":2.0,\"orig_bytes\":{bytes},\"resp_bytes\":{bytes * 3},\"conn_state\":\"SF\",\"orig_pkts\":4,\"orig_ip_bytes\":{bytes + 160},\"resp_pkts\":5,\"resp_ip_bytes\":{(bytes * 3) + 200}}}\n");
        for (var t = 0; t < 3600; t += 30)
        {
            Conn(start + t, "192.168.1.10", "52.1.2.3", 300 + (t % 7));
            Conn(start + t + 7, "192.168.1.11", t % 60 == 0 ? "52.7.7.7" : "34.9.9.9", 2000 + (t % 11));
        }

        Conn(0, "192.168.1.10", "52.1.2.3", 999);
        Conn(4_294_967_295, "192.168.1.11", "52.7.7.7", 999);
        var log = dir.File("conn.json");
        File.WriteAllText(log, lines.ToString());

        var flows = CliRunner.Run(dir.Path, "flows", log);
        Assert.True(flows.ExitCode == 0, flows.Stderr);
        var warning = Assert.Single(flows.Stderr.Trim().Split('\n'));
        Assert.Contains("4 flow record(s)", warning, StringComparison.Ordinal); // two connections, each one flow each way
        Assert.Contains("flow_stamp_outlier", warning, StringComparison.Ordinal);

        foreach (var args in new[] { new[] { "identify", log }, ["activity", log], ["simulate", log, "--defence", "tunnel+constant:rate=10KB/s"] })
        {
            var clock = Stopwatch.StartNew();
            var r = CliRunner.Run(dir.Path, args);
            Assert.True(r.ExitCode == 0, $"{args[0]}: exit {r.ExitCode}: {r.Stderr}");
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
            Assert.Single(r.Stderr.Trim().Split('\n'), l => l.Contains("flow_stamp_outlier", StringComparison.Ordinal));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{args[0]} took {clock.Elapsed}");
        }
    }
}
