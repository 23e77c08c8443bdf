using Blinds.Capture;
using Blinds.Traffic.Records;

using Xunit;

namespace Blinds.Traffic.Tests;

/// <summary>Traffic inside the home by protocol and port: every local frame counted once, under its service's port.</summary>
public class LocalProtocolTests
{
    [Fact]
    public void Local_protocols_add_up_to_the_local_frames_and_name_mdns_and_dhcp()
    {
        var sink = new LocalBytes();
        var builder = new TraceBuilder(sink: sink);
        using (var reader = CaptureReader.Open(new MemoryStream(LabTrace.Capture), builder.Log, "lab"))
        {
            builder.Read(reader);
        }

        var trace = builder.Build();
        Assert.True(sink.Packets > 0, "the lab home has no local traffic");
        Assert.Equal(sink.Bytes, trace.LocalProtocols.Sum(p => p.Bytes));
        Assert.Equal(sink.Packets, trace.LocalProtocols.Sum(p => p.Packets));
        var names = trace.LocalProtocols.Select(p => p.Protocol).ToHashSet(StringComparer.Ordinal);
        if (trace.HomeDevices.Any(d => d.MdnsNames.Count > 0 || d.MdnsQueries.Count > 0))
        {
            Assert.Contains("udp/5353", names);
        }

        Assert.Equal(trace.LocalProtocols.OrderByDescending(p => p.Bytes).ThenBy(p => p.Protocol, StringComparer.Ordinal), trace.LocalProtocols);
    }

    private sealed class LocalBytes : PacketSink
    {
        public long Bytes { get; private set; }

        public long Packets { get; private set; }

        public override void OnPacket(in PacketRow row)
        {
            if (row.Direction == Direction.Local)
            {
                Bytes += row.WireLength;
                Packets++;
            }
        }
    }
}
