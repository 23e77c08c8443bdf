using Blinds.Capture.Anomalies;
using Blinds.Testing;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Xunit;

namespace Blinds.Capture.Tests;

/// <summary>
/// Reading a plain file through memory-mapped windows gives exactly what reading it through the stream path gives:
/// the same packets, anomalies (with offsets), stop error and format error, on whole, cut and corrupted files, with
/// windows small enough that records straddle every window boundary.
/// </summary>
public sealed class MappedReaderProperties : IDisposable
{
    // Big enough for dozens of 4 KiB windows; packet sizes vary so records cross window boundaries at every offset.
    private static readonly byte[] Pcap = CaptureBytes.Pcap(Enumerable.Range(0, 300).Select(i => ((long)i * 1_000_000, Frames.Udp(i * 37 % 1400))));

    private static readonly byte[] PcapNg = Enumerable.Range(0, 150)
        .Aggregate(new CaptureBytes.PcapNg().Interface(1).Interface(101, tsresol: 9), (b, i) => i % 50 == 49
            ? b.Section(bigEndian: i % 100 == 49).Interface(1).Interface(1)
            : b.Enhanced(i % 2, (ulong)i, Frames.Udp(i * 53 % 1400)).Simple(Frames.Tcp(2, i % 300)))
        .ToArray();

    private readonly string dir = Directory.CreateTempSubdirectory("blinds-mapped-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Property(MaxTest = 200)]
    public Property Mapped_equals_stream_on_cut_and_corrupted_files(PositiveInt cut, PositiveInt at, byte value, byte flips, bool ng, PositiveInt window)
    {
        var source = ng ? PcapNg : Pcap;
        var bytes = source[..Math.Max(1, source.Length - (cut.Get % source.Length))];
        for (var i = 0; i < flips % 4; i++)
        {
            bytes[(at.Get * (i + 1)) % bytes.Length] ^= (byte)(value | 1);
        }

        var path = Path.Combine(dir, "capture.bin");
        File.WriteAllBytes(path, bytes);
        var stream = Describe(path, map: false, window: 0);
        var mapped = Describe(path, map: true, window: 4096 * (1 + (window.Get % 3)));
        return (stream == mapped).Label($"stream {stream}\nmapped {mapped}");
    }

    [Fact]
    public void Whole_files_are_mapped_and_read_across_windows()
    {
        foreach (var (bytes, packets) in new[] { (Pcap, 300), (PcapNg, 294) })
        {
            var path = Path.Combine(dir, "whole.bin");
            File.WriteAllBytes(path, bytes);
            using (var reader = CaptureReader.Open(path, new AnomalyLog(), 0, 4096))
            {
                Assert.True(reader.Mapped);
            }

            var stream = Describe(path, map: false, window: 0);
            Assert.Equal(stream, Describe(path, map: true, window: 4096));
            Assert.Contains($"|{packets}|{bytes.Length}|", stream);
        }
    }

    [Fact]
    public void Small_files_and_compressed_files_are_read_as_streams()
    {
        var path = Path.Combine(dir, "small.pcap");
        File.WriteAllBytes(path, Pcap);
        using (var reader = CaptureReader.Open(path, new AnomalyLog()))
        {
            Assert.False(reader.Mapped); // under CaptureReader.MapAtLeast
        }

        var gz = Path.Combine(dir, "small.pcap.gz");
        using (var f = File.Create(gz))
        using (var z = new System.IO.Compression.GZipStream(f, System.IO.Compression.CompressionLevel.Fastest))
        {
            z.Write(Pcap);
        }

        using var compressed = CaptureReader.Open(gz, new AnomalyLog(), 0, 4096);
        Assert.False(compressed.Mapped);
        Assert.Equal(Compression.Gzip, compressed.Compression);
        var n = 0;
        while (compressed.TryRead(out _))
        {
            n++;
        }

        Assert.Equal(300, n);
    }

    private static string Describe(string path, bool map, int window)
    {
        var log = new AnomalyLog();
        CaptureReader reader;
        try
        {
            reader = map
                ? CaptureReader.Open(path, log, 0, window)
                : CaptureReader.Open(File.OpenRead(path), log, path);
        }
        catch (CaptureFormatException e)
        {
            return "format: " + e.Message;
        }

        using (reader)
        {
            if (reader.Mapped != map)
            {
                return $"mapped={reader.Mapped}, wanted {map}";
            }

            var packets = new List<string>();
            while (reader.TryRead(out var r))
            {
                packets.Add($"{r.TimestampNs}/{r.InterfaceId}/{r.LinkType}/{r.OriginalLength}/{r.FileOffset}/{Convert.ToHexString(r.Data)}");
            }

            return string.Join(";", packets)
                + "|" + packets.Count + "|" + reader.Position
                + "|" + string.Join(",", log.Entries.Select(e => $"{e.Anomaly.Id}={e.Count}@{e.First.Offset}"))
                + "|" + reader.StopError + "|" + string.Join(",", reader.Interfaces.Select(i => $"{i.LinkType}/{i.SnapLength}"));
        }
    }
}
