using Blinds.Capture.Anomalies;
using Blinds.Testing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Capture.Tests;

/// <summary>
/// Files opened by path are mapped into memory (CaptureInput.TryMap); everything else is read through a stream. For
/// valid, cut and corrupted files the two must give the same packets, anomalies, stop error and format error.
/// </summary>
public class MappedReaderProperties
{
    private static readonly byte[] ValidNg = new CaptureBytes.PcapNg()
        .Interface(1).Interface(101, tsresol: 9)
        .Enhanced(0, 1, Frames.Udp(3)).Enhanced(1, 2, Frames.Udp(100)[14..]).Simple(Frames.Tcp(2))
        .Section(bigEndian: true).Interface(1).Enhanced(0, 3, Frames.Udp(1400))
        .ToArray();

    private static readonly byte[] ValidPcap = CaptureBytes.Pcap(Enumerable.Range(0, 20).Select(i => ((long)i, Frames.Udp(i * 50))));

    [Property(MaxTest = 300)]
    public void Mapped_file_reads_as_the_stream_does(ushort cut, ushort flipAt, byte flip, bool ng)
    {
        var valid = ng ? ValidNg : ValidPcap;
        var bytes = valid[..Math.Min(valid.Length, cut % (valid.Length + 40))];
        if (bytes.Length > 0)
        {
            bytes[flipAt % bytes.Length] ^= flip;
        }

        Assert.Equal(Read(bytes, mapped: false), Read(bytes, mapped: true));
    }

    [Fact]
    public void Valid_files_are_mapped_and_read_whole()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, ValidPcap);
            using var reader = CaptureReader.Open(path, new AnomalyLog());
            var n = 0;
            while (reader.TryRead(out _))
            {
                n++;
            }

            Assert.Equal(20, n);
            Assert.Equal(ValidPcap.Length, reader.SourcePosition);
            Assert.Equal(Read(ValidPcap, mapped: false), Read(ValidPcap, mapped: true));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Everything a reader reports, with the file's name taken out of messages.
    private static string Read(byte[] bytes, bool mapped)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var log = new AnomalyLog();
            CaptureReader reader;
            try
            {
                reader = mapped
                    ? CaptureReader.Open(path, log)
                    : CaptureReader.Open(new ChunkedStream(bytes, 7), log, path, bufferSize: 64);
            }
            catch (CaptureFormatException e)
            {
                return "format: " + e.Message.Replace(path, "F", StringComparison.Ordinal);
            }

            using (reader)
            {
                var lines = new List<string>();
                while (reader.TryRead(out var r))
                {
                    lines.Add($"{r.TimestampNs} {r.OriginalLength} {r.InterfaceId} {r.LinkType} {r.FileOffset} {Convert.ToHexString(r.Data)}");
                }

                lines.Add($"stop: {reader.StopError?.Replace(path, "F", StringComparison.Ordinal)}; position {reader.Position}");
                lines.AddRange(log.Entries.Select(e => $"{e.Anomaly.Id} {e.Count} {e.First.Offset}"));
                return string.Join("\n", lines);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
