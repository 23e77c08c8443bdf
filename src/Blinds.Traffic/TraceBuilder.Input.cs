using System.Runtime.CompilerServices;

using Blinds.Capture;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Records;

namespace Blinds.Traffic;

// The way in: one capture read in order, or several merged by time, each with its own summary; the stray-stamp
// guard anchored on the first packets before any of them is added.
public sealed partial class TraceBuilder
{
    /// <summary>
    /// Reads every packet of <paramref name="reader"/>. <paramref name="progress"/>, when given, is called now and
    /// then with how far into the file reading has got. Returns the file's summary.
    /// </summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CaptureSummary Read(CaptureReader reader, long fileBytes = 0, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var summary = new CaptureSummary
        {
            Path = reader.Source,
            FileBytes = fileBytes,
            Format = reader.Format,
            Compression = reader.Compression,
            Nanosecond = reader is PcapReader { Nanosecond: true },
            Interfaces = reader.Interfaces,
        };
        current = summary;
        captures.Add(summary);
        Log.CurrentSource = reader.Source;
        var n = 0;
        if (!time.Anchored)
        {
            n = Prelude(reader);
        }

        while (reader.TryRead(out var record))
        {
            Add(record);
            if (progress is not null && (++n & 0xffff) == 0)
            {
                progress(reader.SourcePosition);
            }
        }

        foreach (var kv in reader.NameRecords)
        {
            var address = kv.Key.Length == 4 ? IpAddress.ReadV4(kv.Key) : IpAddress.ReadV6(kv.Key);
            dnsNames.TryAdd(address, kv.Value);
        }

        summary.StopError = reader.StopError;
        progress?.Invoke(reader.SourcePosition);
        current = null;
        return summary;
    }

    // The bulk's time comes from the first packets, so that a first packet stamped years off cannot become the
    // origin of every series: they are copied aside, the guard anchored on their median, then they are added.
    private int Prelude(CaptureReader reader)
    {
        var held = new List<HeldPacket>(TimeGuard.PreludePackets);
        while (held.Count < TimeGuard.PreludePackets && reader.TryRead(out var r))
        {
            held.Add(new HeldPacket(r, 0));
        }

        time.Anchor(HeldTimes(held));
        foreach (var h in held)
        {
            Add(h.Record);
        }

        return held.Count;
    }

    private static long[] HeldTimes(List<HeldPacket> held)
    {
        var times = new long[held.Count];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = held[i].Timestamp;
        }

        return times;
    }

    // A packet copied aside for the prelude. A class, not a value tuple: lists of tuples are framework generics over
    // value types, which ReadyToRun cannot precompile here, so they cost JIT time at every start (see KeyedTable).
    private sealed class HeldPacket(in PacketRecord r, int file)
    {
        private readonly byte[] data = r.Data.ToArray();
        private readonly int wire = r.OriginalLength;
        private readonly int iface = r.InterfaceId;
        private readonly LinkType link = r.LinkType;
        private readonly long offset = r.FileOffset;

        public long Timestamp { get; } = r.TimestampNs;

        public int File { get; } = file;

        public PacketRecord Record => new(data, Timestamp, wire, iface, link, offset);
    }

    /// <summary>Reads captures into a new trace: the usual way in.</summary>
    public static Trace ReadFiles(IEnumerable<string> paths, TraceOptions? options = null, ITraceSink? sink = null, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var builder = new TraceBuilder(options, sink);
        builder.ReadMerged(paths.ToArray(), progress);
        return builder.Build();
    }

    /// <summary>
    /// Reads several captures as one, merged by time (<see cref="CaptureMerge"/>): files in any order give the same
    /// trace, and none of their packets falls before the series' origin. Each file keeps its own summary.
    /// </summary>
    public void ReadMerged(IReadOnlyList<string> paths, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 1)
        {
            // One file has nothing to merge with: read it straight from its reader. The merge would hand its records
            // over as they come anyway, but through two more calls per packet (`CaptureMerge.TryRead`, `ReadDirect`):
            // 5-7% of `summary`'s CPU on 5.7 M packets (bench/STARTUP-NOTES.md), for the same trace.
            var path = paths[0];
            var size = new FileInfo(path).Length;
            using var reader = CaptureReader.Open(path, Log);
            Read(reader, size, progress is null ? null : position => progress(path, position, size));
            progress?.Invoke(path, size, size);
            return;
        }

        var summaries = new CaptureSummary[paths.Count];
        var sizes = new long[paths.Count];
        using var merge = new CaptureMerge(paths, Log)
        {
            Opened = (i, reader) =>
            {
                sizes[i] = new FileInfo(reader.Source).Length;
                summaries[i] = new CaptureSummary
                {
                    Path = reader.Source,
                    FileBytes = sizes[i],
                    Format = reader.Format,
                    Compression = reader.Compression,
                    Nanosecond = reader is PcapReader { Nanosecond: true },
                    Interfaces = reader.Interfaces,
                };
                captures.Add(summaries[i]);
            },
            Closed = (i, reader) =>
            {
                foreach (var kv in reader.NameRecords)
                {
                    dnsNames.TryAdd(kv.Key.Length == 4 ? IpAddress.ReadV4(kv.Key) : IpAddress.ReadV6(kv.Key), kv.Value);
                }

                summaries[i].StopError = reader.StopError;
                progress?.Invoke(reader.Source, sizes[i], sizes[i]);
            },
        };
        var n = 0;
        if (!time.Anchored)
        {
            // As in Read: the bulk's time from the first packets, so a stray stamp merged to the front cannot anchor it.
            var held = new List<HeldPacket>(TimeGuard.PreludePackets);
            while (held.Count < TimeGuard.PreludePackets && merge.TryRead(out var r, out var f))
            {
                held.Add(new HeldPacket(r, f));
            }

            time.Anchor(HeldTimes(held));
            foreach (var h in held)
            {
                current = summaries[h.File];
                Add(h.Record);
            }

            n = held.Count;
        }

        while (merge.TryRead(out var record, out var file))
        {
            current = summaries[file];
            Add(record);
            if (progress is not null && (++n & 0xffff) == 0)
            {
                progress(summaries[file].Path, merge.SourcePosition(file), sizes[file]);
            }
        }

        current = null;
    }
}
