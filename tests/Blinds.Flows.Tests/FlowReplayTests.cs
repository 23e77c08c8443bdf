using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Flows.Tests;

/// <summary>Flow records where captures are expected: told apart by content, never mixed, replayed owner-only.</summary>
public sealed class FlowReplayTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public void Flow_files_are_flows_captures_are_not_and_a_mix_is_refused_naming_both()
    {
        var capture = dir.File("home.pcap");
        using (var writer = new PcapWriter(CaptureWriter.CreateNew(capture), LinkType.Ethernet))
        {
        }

        Assert.True(FlowReplay.AreFlows([Fixture("conn.log"), Fixture("dns.log")]));
        Assert.False(FlowReplay.AreFlows([capture]));

        // A missing file is left to the capture reader, which names it.
        Assert.False(FlowReplay.AreFlows([capture, dir.File("missing.pcap")]));
        var mixed = Assert.Throws<InvalidDataException>(() => FlowReplay.AreFlows([Fixture("conn.log"), capture]));
        Assert.Contains("conn.log holds flow records and " + capture + " does not", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_replay_is_a_new_owner_only_capture_holding_the_flows_packets()
    {
        var log = FlowReader.ReadFiles([Fixture("conn.log")]);
        Assert.NotEmpty(log.Flows);
        var path = FlowReplay.WriteTemporaryCapture(log, null);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            var packets = 0L;
            using (var reader = CaptureReader.Open(path, new AnomalyLog()))
            {
                while (reader.TryRead(out _))
                {
                    packets++;
                }
            }

            Assert.True(packets > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lost_and_stray_lines_are_absent_when_nothing_was_lost()
    {
        var log = FlowReader.ReadFiles([Fixture("conn.log")]);
        Assert.Null(FlowReplay.StrayLine(log));
        Assert.Null(FlowReplay.LostLine(log));
    }
}
