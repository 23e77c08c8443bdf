using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Flows;

using Xunit;

namespace Blinds.Traffic.Tests;

public class FlowTableTests
{
    private static PacketInfo Packet(bool forward, byte protocol = 6, byte flags = 0x10, ushort port = 443)
    {
        var a = IpAddress.FromV4(0xc0a80102);
        var b = IpAddress.FromV4(0x34000001);
        return new PacketInfo
        {
            IpVersion = 4,
            Protocol = protocol,
            SourceIp = forward ? a : b,
            DestinationIp = forward ? b : a,
            SourcePort = forward ? (ushort)40000 : port,
            DestinationPort = forward ? port : (ushort)40000,
            TcpFlags = flags,
            HasPorts = true,
        };
    }

    [Fact]
    public void Both_directions_make_one_flow_oriented_from_its_initiator()
    {
        var flows = new List<FlowRecord>();
        var t = new FlowTable(new FlowTableOptions(), new AnomalyLog(), flows.Add);
        t.Add(1_000, Packet(false, flags: 0x02), 60); // the remote side opens
        t.Add(2_000, Packet(true, flags: 0x12), 60);
        t.Add(3_000, Packet(false), 100);
        t.Flush();
        var f = Assert.Single(flows);
        Assert.Equal(IpAddress.FromV4(0x34000001), f.InitiatorIp);
        Assert.Equal(2, f.PacketsForward);
        Assert.Equal(160, f.BytesForward);
        Assert.Equal(1, f.PacketsBackward);
        Assert.Equal(FlowEndReason.EndOfCapture, f.EndReason);
    }

    [Fact]
    public void Fin_both_ways_closes_the_flow()
    {
        var flows = new List<FlowRecord>();
        var t = new FlowTable(new FlowTableOptions(), new AnomalyLog(), flows.Add);
        t.Add(1, Packet(true, flags: 0x11), 60);
        Assert.Empty(flows);
        t.Add(2, Packet(false, flags: 0x11), 60);
        Assert.Equal(FlowEndReason.Closed, Assert.Single(flows).EndReason);
        Assert.Equal(0, t.Open);
    }

    [Fact]
    public void Idle_udp_flows_split()
    {
        var flows = new List<FlowRecord>();
        var t = new FlowTable(new FlowTableOptions { IdleTimeout = TimeSpan.FromSeconds(60) }, new AnomalyLog(), flows.Add);
        t.Add(0, Packet(true, 17), 50);
        t.Add(30_000_000_000, Packet(true, 17), 50);
        t.Add(200_000_000_000, Packet(true, 17), 50);
        t.Flush();
        Assert.Equal(2, flows.Count);
        Assert.Equal(FlowEndReason.Idle, flows[0].EndReason);
        Assert.Equal(2, flows[0].PacketsForward);
    }

    [Fact]
    public void Active_timeout_splits_long_flows()
    {
        var flows = new List<FlowRecord>();
        var t = new FlowTable(new FlowTableOptions { ActiveTimeout = TimeSpan.FromSeconds(100) }, new AnomalyLog(), flows.Add);
        for (long s = 0; s <= 250; s += 5)
        {
            t.Add(s * 1_000_000_000, Packet(true), 10);
        }

        t.Flush();
        Assert.Equal(3, flows.Count);
        Assert.Equal(FlowEndReason.Active, flows[0].EndReason);
        Assert.Equal(51, flows.Sum(f => f.PacketsForward));
    }

    [Fact]
    public void The_table_is_capped_and_says_so()
    {
        var flows = new List<FlowRecord>();
        var log = new AnomalyLog();
        var t = new FlowTable(new FlowTableOptions { MaxActiveFlows = 10 }, log, flows.Add);
        for (ushort p = 1; p <= 50; p++)
        {
            t.Add(p, Packet(true, 17, port: p), 10);
            Assert.InRange(t.Open, 1, 10);
        }

        var evicted = log.Count(FlowTable.FlowTableFull);
        Assert.InRange(evicted, 40, 49); // at least the excess, in batches of the oldest quarter
        t.Flush();
        Assert.Equal(50, flows.Count);
        Assert.Equal(evicted, flows.Count(f => f.EndReason == FlowEndReason.Evicted));
        // The oldest go first: every evicted flow was last seen before every flow still open at the end.
        var open = flows.Where(f => f.EndReason == FlowEndReason.EndOfCapture).Min(f => f.LastNs);
        Assert.All(flows.Where(f => f.EndReason == FlowEndReason.Evicted), f => Assert.True(f.LastNs < open));
    }
}
