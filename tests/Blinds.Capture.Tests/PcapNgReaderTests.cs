using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Capture.Tests;

public class PcapNgReaderTests
{
    private static byte[] MixedSections() => new CaptureBytes.PcapNg(bigEndian: false)
        .Interface(1)                              // µs, default resolution
        .Interface(101, tsresol: 9)                // ns, raw IP
        .Enhanced(0, 1_600_000_000_000_001, Frames.Udp())
        .Enhanced(1, 1_600_000_000_000_000_002, Frames.Udp()[14..])
        .Names([52, 0, 0, 1], "api.example.com")
        .Statistics(0, 7)
        .Custom()
        .Section(bigEndian: true)
        .Interface(113, tsresol: 0x80 | 20)        // 2^-20 s, Linux SLL
        .Interface(1, tsresol: 3, tsOffset: 1_600_000_000) // ms, with an offset in seconds
        .Enhanced(0, 3ul << 20, new byte[16])
        .Enhanced(1, 1500, Frames.Tcp(0x02))
        .Simple(Frames.Udp(5))
        .ToArray();

    [Fact]
    public void Reads_sections_of_both_byte_orders_with_their_own_interfaces()
    {
        var (packets, reader, log) = ReadAll.From(MixedSections());
        Assert.Equal(CaptureFormat.PcapNg, reader.Format);
        Assert.Equal(5, packets.Count);
        Assert.Equal(1_600_000_000_000_001_000, packets[0].TimeNs);
        Assert.Equal(LinkType.Ethernet, packets[0].LinkType);
        Assert.Equal(1_600_000_000_000_000_002, packets[1].TimeNs);
        Assert.Equal(LinkType.Raw, packets[1].LinkType);
        Assert.Equal(3_000_000_000, packets[2].TimeNs);
        Assert.Equal(LinkType.LinuxSll, packets[2].LinkType);
        Assert.Equal(1_600_000_001_500_000_000, packets[3].TimeNs);
        Assert.Equal(Frames.Tcp(0x02), packets[3].Data);
        Assert.Equal(LinkType.LinuxSll, packets[4].LinkType); // SPB: the section's first interface...
        Assert.Equal(packets[3].TimeNs, packets[4].TimeNs);   // ...and the previous packet's time
        Assert.Equal(4, reader.Interfaces.Count);
        Assert.Equal(7, reader.Interfaces[0].Dropped);
        Assert.Equal(2, ((PcapNgReader)reader).SectionCount);
        Assert.Equal("api.example.com", Assert.Single(reader.NameRecords).Value);
        Assert.Equal(1, log.Count(CaptureAnomalies.PcapNgSkippedBlock));
        Assert.Null(reader.StopError);
    }

    [Fact]
    public void Obsolete_packet_blocks_are_read()
    {
        var bytes = new CaptureBytes.PcapNg(bigEndian: true).Interface(1).Interface(101, tsresol: 9).Obsolete(1, 1_700_000_000_000_000_123, Frames.Udp()[14..]).ToArray();
        var (packets, _, log) = ReadAll.From(bytes);
        var p = Assert.Single(packets);
        Assert.Equal(1_700_000_000_000_000_123, p.TimeNs);
        Assert.Equal(LinkType.Raw, p.LinkType);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Bad_block_length_stops_with_offset()
    {
        var bytes = MixedSections();
        // The first IDB starts right after the SHB (28 bytes here); make its length not a multiple of 4.
        BitConverter.GetBytes(21u).CopyTo(bytes, 28 + 4);
        var (packets, reader, log) = ReadAll.From(bytes);
        Assert.Empty(packets);
        Assert.Equal(1, log.Count(CaptureAnomalies.PcapNgBadBlockLength));
        Assert.StartsWith("test: offset 28: pcapng block type 0x1 has impossible length 21", reader.StopError, StringComparison.Ordinal);
    }

    [Fact]
    public void Packet_for_an_undeclared_interface_is_counted_not_returned()
    {
        var bytes = new CaptureBytes.PcapNg().Interface(1).Enhanced(3, 0, Frames.Udp()).Enhanced(0, 0, Frames.Udp()).ToArray();
        var (packets, _, log) = ReadAll.From(bytes);
        Assert.Single(packets);
        Assert.Equal(1, log.Count(CaptureAnomalies.PcapNgUnknownInterface));
    }

    [Fact]
    public void Truncated_last_block_is_counted()
    {
        var bytes = new CaptureBytes.PcapNg().Interface(1).Enhanced(0, 0, Frames.Udp()).Enhanced(0, 0, Frames.Udp()).ToArray();
        var (packets, reader, log) = ReadAll.From(bytes[..^9]);
        Assert.Single(packets);
        Assert.Equal(1, log.Count(CaptureAnomalies.TruncatedRecord));
        Assert.Null(reader.StopError);
    }

    [Fact]
    public void Original_length_beyond_captured_marks_a_snapped_packet()
    {
        var bytes = new CaptureBytes.PcapNg().Interface(1, snapLength: 64).Enhanced(0, 0, Frames.Udp(500)[..64], originalLength: 542).ToArray();
        var (packets, _, _) = ReadAll.From(bytes);
        Assert.Equal(542, packets[0].OriginalLength);
        Assert.Equal(64, packets[0].Data.Length);
    }
}
