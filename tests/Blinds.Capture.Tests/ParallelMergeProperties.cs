using System.Text;

using Blinds.Capture.Anomalies;
using Blinds.Testing;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

using Xunit;

namespace Blinds.Capture.Tests;

/// <summary>
/// Files decoded on threads of their own, in chunks, are merged exactly as files read on the merging thread: the same
/// packets in the same order (ties and duplicates included), the same anomalies where first seen, the same overlaps,
/// the same files opened and closed at the same points, the same stop errors.
/// </summary>
public class ParallelMergeProperties
{
    /// <summary>Generated sets of files (pcap and pcapng, overlapping, with ties, duplicates, time going back, cut tails).</summary>
    [Property(MaxTest = 200)]
    public Property Parallel_merge_equals_sequential_merge(byte[][] files, byte starts, bool twice, PositiveInt chunk, byte decoders)
    {
        using var dir = new TempDir();
        var paths = Write(dir, files.Take(5).ToArray(), starts);
        if (twice && paths.Count > 0)
        {
            paths.Add(paths[0]);
        }

        if (paths.Count == 0)
        {
            return true.ToProperty();
        }

        var sequential = Describe(paths, decoders: 0, chunkRecords: 4096);
        var parallel = Describe(paths, decoders: 1 + (decoders % 3), chunkRecords: 1 + (chunk.Get % 7));
        return (sequential == parallel).Label($"sequential:\n{sequential}\nparallel:\n{parallel}");
    }

    [Fact]
    public void Two_large_files_cross_many_chunks_and_come_out_as_read_on_one_thread()
    {
        using var dir = new TempDir();
        var rng = new Random(16);
        var files = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 20_000).Select(_ => (byte)rng.Next(256)).ToArray()).ToArray();
        var paths = Write(dir, files, starts: 0);
        var sequential = Describe(paths, decoders: 0, chunkRecords: 4096);
        Assert.Equal(sequential, Describe(paths, decoders: 1, chunkRecords: 4096));
        Assert.Equal(sequential, Describe(paths, decoders: 2, chunkRecords: 333));
        Assert.Contains("duplicate_packet=", sequential, StringComparison.Ordinal);
        Assert.Contains("timestamp_went_backwards=", sequential, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_left_early_stops_its_decoders()
    {
        using var dir = new TempDir();
        var rng = new Random(5);
        var paths = Write(dir, [.. Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 30_000).Select(_ => (byte)rng.Next(256)).ToArray())], starts: 0);
        for (var i = 0; i < 5; i++)
        {
            using var merge = new CaptureMerge(paths, new AnomalyLog()) { Decoders = 2, ChunkRecords = 100 };
            for (var n = 0; n < 1000 * i && merge.TryRead(out _, out _); n++)
            {
            }
        }

        // Every file closed: each can be deleted and written again (the temp dir's removal checks the rest).
        foreach (var p in paths)
        {
            using var again = File.Open(p, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
    }

    private static string Describe(IReadOnlyList<string> paths, int decoders, int chunkRecords)
    {
        var log = new AnomalyLog();
        var text = new StringBuilder();
        using var merge = new CaptureMerge(paths, log)
        {
            Decoders = decoders,
            ChunkRecords = chunkRecords,
            // Opened: a decoded file's reader may already have read ahead (its interfaces), so only what opening sets.
            Opened = (i, r) => text.Append($"open {i} {Path.GetFileName(r.Source)} {r.Format} {r.Compression}\n"),
            Closed = (i, r) => text.Append(Event(i, r, "close")).Append(r.StopError).Append(';').Append(r.PacketCount).Append('\n'),
        };
        while (merge.TryRead(out var r, out var file))
        {
            // The log's current source is what the packet's own anomalies are attributed to downstream.
            text.Append(file).Append(' ').Append(log.CurrentSource == merge.Paths[file]).Append(' ').Append(r.TimestampNs).Append(' ')
                .Append(r.OriginalLength).Append(' ').Append(r.InterfaceId).Append(' ').Append(r.LinkType).Append(' ').Append(r.FileOffset)
                .Append(' ').Append(Convert.ToHexString(r.Data)).Append('\n');
        }

        foreach (var e in log.Entries)
        {
            text.Append(e.Anomaly.Id).Append('=').Append(e.Count).Append('@').Append(Path.GetFileName(e.First.Source)).Append(':').Append(e.First.Offset).Append('\n');
        }

        foreach (var (opened, still) in merge.Overlaps)
        {
            text.Append(Path.GetFileName(opened)).Append(" overlaps ").Append(Path.GetFileName(still)).Append('\n');
        }

        return string.Join(",", merge.Paths.Select(Path.GetFileName)) + "\n" + text;
    }

    private static string Event(int file, CaptureReader reader, string what) => $"{what} {file} {Path.GetFileName(reader.Source)} {reader.Format} {reader.Interfaces.Count}\n";

    // Each byte is a packet: its step in time (0: a tie), its payload (few kinds, so that files share packets), a cut
    // record now and then; 255 steps back in time. Files start near each other so that they overlap.
    private static List<string> Write(TempDir dir, byte[][] files, byte starts)
    {
        var paths = new List<string>();
        for (var f = 0; f < files.Length; f++)
        {
            var bytes = files[f] ?? [];
            var path = dir.File($"f{f}.{(f % 2 == 0 ? "pcap" : "pcapng")}");
            var time = 1_000_000_000L + (((starts >> f) & 1) * 40 * f);
            using (var stream = File.Create(path))
            using (CaptureWriter w = f % 2 == 0 ? new PcapWriter(stream, LinkType.Ethernet) : new PcapNgWriter(stream, LinkType.Ethernet))
            {
                foreach (var b in bytes)
                {
                    time += b == 255 ? -30 : (b % 4) * 10;
                    var data = new byte[20 + (b >> 6)];
                    data.AsSpan().Fill((byte)((b >> 2) % 3));
                    w.Write(time, data, b % 7 == 0 ? data.Length + 100 : data.Length);
                }
            }

            if (bytes.Length > 3 && bytes[0] % 5 == 0)
            {
                // A cut tail: the reader counts it at the end of the file.
                using var s = File.Open(path, FileMode.Open);
                s.SetLength(s.Length - 1 - (bytes[1] % 10));
            }

            paths.Add(path);
        }

        return paths;
    }
}
