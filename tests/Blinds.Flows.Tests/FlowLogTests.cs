using Xunit;

namespace Blinds.Flows.Tests;

/// <summary>Flow times are data, not an index: a record with an impossible span is counted and left out.</summary>
public class FlowLogTests
{
    private const long S = 1_000_000_000L;
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() * S;

    [Theory]
    [InlineData(0L, 4_294_967_295L)] // 1970 to 2106: a 32-bit clock's whole range
    [InlineData(1_700_000_100L, 1_700_000_000L)] // ends before it starts
    [InlineData(1_700_000_000L, 1_700_000_000L + (40 * 86_400L))] // 40 days long
    public void An_impossible_flow_is_counted_and_left_out(long startSeconds, long endSeconds)
    {
        var log = new FlowLog();
        log.Add(new FlowObservation { StartNs = Now - (600 * S), EndNs = Now - (540 * S), Bytes = 1000, Packets = 3 });
        log.Add(new FlowObservation { StartNs = startSeconds * S, EndNs = endSeconds * S, Bytes = 5000, Packets = 9 });
        var flow = Assert.Single(log.Flows);
        Assert.Equal(1000, flow.Bytes);
        Assert.Equal(1, log.Anomalies.Count(FlowAnomalies.TimeOutlier));
        Assert.InRange(log.LastNs!.Value - log.FirstNs!.Value, 0, 60 * S);
    }

    [Fact]
    public void A_long_but_possible_flow_is_kept()
    {
        var log = new FlowLog();
        log.Add(new FlowObservation { StartNs = Now - (30 * 86_400 * S), EndNs = Now, Bytes = 1, Packets = 1 });
        Assert.Single(log.Flows);
        Assert.Equal(0, log.Anomalies.Count(FlowAnomalies.TimeOutlier));
    }
}
