using Blinds.Capture.Anomalies;
using Blinds.Testing;

using Xunit;

namespace Blinds.Capture.Tests;

public class CaptureMergeTests
{
    private static string Write(TempDir dir, string name, params long[] times)
    {
        var path = dir.File(name);
        using var w = new PcapWriter(File.Create(path), LinkType.Ethernet);
        foreach (var t in times)
        {
            // The bytes name the packet, so that two files never hold the same one by accident.
            var data = new byte[60];
            BitConverter.TryWriteBytes(data, t);
            data[8] = (byte)name[0];
            w.Write(t, data, data.Length);
        }

        return path;
    }

    private static List<(long Time, string File)> ReadAll(CaptureMerge merge)
    {
        var list = new List<(long, string)>();
        while (merge.TryRead(out var r, out var file))
        {
            list.Add((r.TimestampNs, merge.Paths[file]));
        }

        return list;
    }

    [Fact]
    public void Packets_of_interleaved_files_come_out_in_time_order_whatever_the_file_order()
    {
        using var dir = new TempDir();
        var a = Write(dir, "a.pcap", 10, 30, 50);
        var b = Write(dir, "b.pcap", 20, 40, 60);
        var c = Write(dir, "c.pcap", 100, 110);
        var log = new AnomalyLog();
        using var forward = new CaptureMerge([a, b, c], log);
        using var backward = new CaptureMerge([c, b, a], new AnomalyLog());
        var f = ReadAll(forward);
        Assert.Equal([10L, 20, 30, 40, 50, 60, 100, 110], f.Select(p => p.Time));
        Assert.Equal(f, ReadAll(backward));
        Assert.Equal(1, log.Count(CaptureMerge.FilesOverlap)); // b opens while a is read; c starts after both
        Assert.Equal(0, log.Count(CaptureMerge.DuplicatePacket));
    }

    [Fact]
    public void The_same_file_twice_gives_each_packet_once_and_counts_the_copies()
    {
        using var dir = new TempDir();
        var a = Write(dir, "a.pcap", 10, 20, 20, 30);
        var log = new AnomalyLog();
        using var merge = new CaptureMerge([a, a], log);
        Assert.Equal([10L, 20, 20, 30], ReadAll(merge).Select(p => p.Time));
        Assert.Equal(4, log.Count(CaptureMerge.DuplicatePacket));
        Assert.Equal(1, log.Count(CaptureMerge.FilesOverlap));
    }

    [Fact]
    public void Only_files_open_at_once_are_held_open()
    {
        using var dir = new TempDir();
        var paths = Enumerable.Range(0, 50).Select(i => Write(dir, $"f{i:00}.pcap", i * 10, (i * 10) + 5)).ToArray();
        var most = 0;
        var open = 0;
        using var merge = new CaptureMerge(paths.Reverse().ToArray(), new AnomalyLog())
        {
            Opened = (_, _) => most = Math.Max(most, ++open),
            Closed = (_, _) => open--,
        };
        Assert.Equal(100, ReadAll(merge).Count);
        Assert.Equal(1, most);
    }

    [Fact]
    public void A_file_that_is_no_capture_fails_before_any_packet()
    {
        using var dir = new TempDir();
        var a = Write(dir, "a.pcap", 10);
        var bad = dir.File("bad.pcap");
        File.WriteAllText(bad, "not a capture");
        Assert.Throws<CaptureFormatException>(() => new CaptureMerge([a, bad], new AnomalyLog()));
    }

    [Fact]
    public void The_last_file_open_is_read_without_copies_and_still_drops_a_duplicate_of_a_closed_file()
    {
        // x1 closes at 20 ns; x2 then holds a packet at 20 ns identical to x1's, read after x2 is the only file left.
        using var dir = new TempDir();
        var x1 = WriteBytes(dir, "x1.pcap", (10, 'p'), (20, 'q'));
        var x2 = WriteBytes(dir, "x2.pcap", (10, 'p'), (20, 'r'), (20, 'q'), (30, 's'));
        var log = new AnomalyLog();
        using var merge = new CaptureMerge([x2, x1], log);
        var got = new List<(long, string, char)>();
        while (merge.TryRead(out var r, out var file))
        {
            got.Add((r.TimestampNs, Path.GetFileName(merge.Paths[file]), (char)r.Data[0]));
        }

        Assert.Equal([(10L, "x1.pcap", 'p'), (20L, "x1.pcap", 'q'), (20L, "x2.pcap", 'r'), (30L, "x2.pcap", 's')], got);
        Assert.Equal(2, log.Count(CaptureMerge.DuplicatePacket));
    }

    [Fact]
    public void One_file_through_the_merge_gives_the_readers_records()
    {
        using var dir = new TempDir();
        var a = Write(dir, "a.pcap", 10, 20, 20, 30, 25);
        var expected = new List<(long, long, string)>();
        using (var reader = CaptureReader.Open(a, new AnomalyLog()))
        {
            while (reader.TryRead(out var r))
            {
                expected.Add((r.TimestampNs, r.FileOffset, Convert.ToHexString(r.Data)));
            }
        }

        var closed = 0;
        using var merge = new CaptureMerge([a], new AnomalyLog()) { Closed = (_, _) => closed++ };
        var got = new List<(long, long, string)>();
        while (merge.TryRead(out var r, out var file))
        {
            Assert.Equal(0, file);
            got.Add((r.TimestampNs, r.FileOffset, Convert.ToHexString(r.Data)));
        }

        Assert.Equal(expected, got);
        Assert.Equal(1, closed);
        Assert.False(merge.TryRead(out _, out _));
    }

    private static string WriteBytes(TempDir dir, string name, params (long Time, char Payload)[] packets)
    {
        var path = dir.File(name);
        using var w = new PcapWriter(File.Create(path), LinkType.Ethernet);
        foreach (var (t, payload) in packets)
        {
            var data = new byte[60];
            data.AsSpan().Fill((byte)payload);
            w.Write(t, data, data.Length);
        }

        return path;
    }
}
