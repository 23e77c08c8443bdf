using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Capture.Tests;

public class PcapReaderTests
{
    private static readonly (long, byte[])[] Three =
    [
        (1_600_000_000_123_456_000, Frames.Udp(10)),
        (1_600_000_001_000_001_000, Frames.Udp(200)),
        (1_600_000_002_999_999_000, Frames.Tcp(0x18, 30)),
    ];

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Reads_both_byte_orders_and_resolutions(bool bigEndian, bool nano)
    {
        var (packets, reader, log) = ReadAll.From(CaptureBytes.Pcap(Three, bigEndian: bigEndian, nanosecond: nano));
        Assert.Equal(CaptureFormat.Pcap, reader.Format);
        Assert.Equal(3, packets.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Three[i].Item1, packets[i].TimeNs);
            Assert.Equal(Three[i].Item2, packets[i].Data);
            Assert.Equal(LinkType.Ethernet, packets[i].LinkType);
        }

        Assert.Empty(log.Entries);
        Assert.Null(reader.StopError);
    }

    [Fact]
    public void Nanosecond_digits_survive()
    {
        var (packets, _, _) = ReadAll.From(CaptureBytes.Pcap([(1_600_000_000_000_000_007, Frames.Udp())], nanosecond: true));
        Assert.Equal(1_600_000_000_000_000_007, packets[0].TimeNs);
    }

    [Fact]
    public void Truncated_last_record_is_counted_and_dropped()
    {
        var bytes = CaptureBytes.Pcap(Three);
        var (packets, reader, log) = ReadAll.From(bytes[..^5]);
        Assert.Equal(2, packets.Count);
        Assert.Equal(1, log.Count(CaptureAnomalies.TruncatedRecord));
        Assert.Null(reader.StopError);
    }

    [Fact]
    public void Snaplen_cut_frames_keep_their_original_length()
    {
        var (packets, _, _) = ReadAll.From(CaptureBytes.Pcap(Three, snapLength: 60, cutTo: 60));
        Assert.All(packets, p => Assert.True(p.Data.Length <= 60));
        Assert.Equal(Three[1].Item2.Length, packets[1].OriginalLength);
    }

    [Fact]
    public void Impossible_record_length_stops_with_file_and_offset()
    {
        var bytes = CaptureBytes.Pcap(Three);
        // Second record header starts after the file header (24) and the first record (16 + frame).
        var second = 24 + 16 + Three[0].Item2.Length;
        BitConverter.GetBytes(0x7fff_fff0u).CopyTo(bytes, second + 8);
        var (packets, reader, log) = ReadAll.From(bytes);
        Assert.Single(packets);
        Assert.Equal(1, log.Count(CaptureAnomalies.PcapBadRecordLength));
        Assert.Equal($"test: offset {second}: pcap record captured length 2147483632 is impossible (limit 16777216); stopped after 1 packets", reader.StopError);
    }

    [Fact]
    public void Header_only_file_has_no_packets_and_no_error()
    {
        var (packets, reader, log) = ReadAll.From(CaptureBytes.Pcap([]));
        Assert.Empty(packets);
        Assert.Null(reader.StopError);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Cut_file_header_is_a_stop_error()
    {
        var (packets, reader, log) = ReadAll.From(CaptureBytes.Pcap([])[..10]);
        Assert.Empty(packets);
        Assert.Equal(1, log.Count(CaptureAnomalies.TruncatedHeader));
        Assert.Contains("file ends inside the pcap file header", reader.StopError, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_link_types_are_carried_through()
    {
        var (packets, _, _) = ReadAll.From(CaptureBytes.Pcap(Three, linkType: 147));
        Assert.All(packets, p => Assert.Equal((LinkType)147, p.LinkType));
    }

    [Fact]
    public void Backwards_time_is_counted()
    {
        var (_, _, log) = ReadAll.From(CaptureBytes.Pcap([(2_000_000_000, Frames.Udp()), (1_000_000_000, Frames.Udp())]));
        Assert.Equal(1, log.Count(CaptureAnomalies.TimeWentBackwards));
    }
}
