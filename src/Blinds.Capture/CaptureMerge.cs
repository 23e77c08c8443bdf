using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>
/// Reads any number of capture files as one, in time order: a k-way merge of their readers by timestamp. The files
/// are ordered by their first packet (then by path), so the same files give the same packets in the same order
/// whatever order they were named in. Memory is bounded by the files open at once: each file is opened when the
/// merge reaches its first packet (<see cref="Opened"/>) and closed at its end, with one packet of it held ahead.
/// Files that cover the same time are counted (<see cref="FilesOverlap"/>); a packet identical in time, length and
/// bytes to one of another file is counted (<see cref="DuplicatePacket"/>) and given once.
/// With several files, each is read and decoded on a thread of its own (<see cref="Decoders"/>), at most a few
/// bounded chunks of records ahead of the merge, and from at most <see cref="Decoders"/> files beyond the ones the
/// merge has opened: the same packets in the same order, the same anomalies (counts and first locations), overlaps and
/// callbacks at the same points as reading them on the merge's thread. A single file is read straight from its reader
/// on the caller's thread.
/// </summary>
public sealed class CaptureMerge : IDisposable
{
    /// <summary>A file whose time span overlaps another's, counted once per file that opens while another is still being read.</summary>
    public static readonly Anomaly FilesOverlap = Anomaly.Declare("capture_files_overlap", AnomalyKind.Unsupported, "a capture file covers time another file given with it also covers; their packets were merged in time order");

    /// <summary>A packet seen in two files (the same file given twice, or two captures of one link).</summary>
    public static readonly Anomaly DuplicatePacket = Anomaly.Declare("duplicate_packet", AnomalyKind.Unsupported, "a packet identical in time, length and bytes to one of another capture file; it was counted once");

    private readonly Input[] inputs;
    private readonly AnomalyLog log;
    private readonly PriorityQueue<int, (long Time, int Order)> heads = new();
    private readonly List<(int Input, int Length, int Hash)> sameTime = [];
    private readonly CancellationTokenSource cancel = new();
    private SemaphoreSlim? decoding;
    private int started;
    private int pending = -1;
    private int direct = -1;
    private int next;
    private int open;
    private long sameTimeNs = long.MinValue;

    /// <summary>
    /// Opens <paramref name="paths"/> once each to read their first timestamp (a file that is no capture fails here,
    /// before any packet is handed out) and orders them.
    /// </summary>
    public CaptureMerge(IReadOnlyList<string> paths, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(log);
        this.log = log;
        var found = new List<Input>(paths.Count);
        foreach (var path in paths)
        {
            // A throwaway log: anomalies are counted when the file is really read, not twice.
            using var probe = CaptureReader.Open(path, new AnomalyLog());
            found.Add(new Input(path, probe.TryRead(out var first) ? first.TimestampNs : long.MaxValue));
        }

        inputs = [.. found.OrderBy(i => i.FirstNs).ThenBy(i => i.Path, StringComparer.Ordinal)];
    }

    /// <summary>The files, in the order the merge opens them (by first packet, then path).</summary>
    public IReadOnlyList<string> Paths => inputs.Select(i => i.Path).ToArray();

    /// <summary>
    /// How many files may be decoding at once on threads of their own, each at most a few chunks of records ahead of
    /// the merge (files are started in the order the merge opens them, up to this many beyond the ones it has
    /// opened); 0 reads every file on the merging thread. Defaults to <see cref="DefaultDecoders"/>.
    /// </summary>
    public int Decoders { get; init; } = DefaultDecoders;

    /// <summary>
    /// The environment variable <c>BLINDS_DECODERS</c> when it holds a whole number from 0 to 64, else two fewer than
    /// the cores (at least 0): the merging thread and what consumes its packets keep one core, and on two cores the
    /// files are read on the merging thread, as copying each record into a chunk for another thread cost more CPU
    /// there than decoding on another core gave back (bench/AUDIT.md, "Several captures").
    /// </summary>
    public static int DefaultDecoders { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BLINDS_DECODERS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) && d <= 64
            ? d
            : Math.Max(0, Environment.ProcessorCount - 2);

    /// <summary>Records per chunk a decoder hands over at once (small in tests, to cross chunk boundaries often).</summary>
    internal int ChunkRecords { get; init; } = FileDecoder.ChunkRecords;

    /// <summary>
    /// Called when a file is opened (with its index in <see cref="Paths"/>), before its first packet. A file decoded
    /// on its own thread may have been read ahead: what the reader collects as it reads (interfaces, name records,
    /// stop error) is complete only when <see cref="Closed"/> is called.
    /// </summary>
    public Action<int, CaptureReader>? Opened { get; init; }

    /// <summary>Called when a file has no more packets, before it is closed.</summary>
    public Action<int, CaptureReader>? Closed { get; init; }

    /// <summary>
    /// Files that overlapped in time, as pairs of paths (the file that opened, one that was still being read).
    /// </summary>
    public IList<(string Opened, string StillOpen)> Overlaps { get; } = [];

    /// <summary>
    /// The next packet of all the files, in time order, and the index of its file in <see cref="Paths"/>. The record
    /// is valid until the next call, as with <see cref="CaptureReader.TryRead"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out PacketRecord record, out int file)
    {
        if (direct >= 0)
        {
            return ReadDirect(out record, out file);
        }

        if (pending >= 0)
        {
            // The last file open, with none left to open: nothing to merge with, so its records are handed out as
            // the reader gives them (no copy, no queue) until it ends.
            if (open == 1 && heads.Count == 0 && next == inputs.Length)
            {
                direct = pending;
                pending = -1;
                return ReadDirect(out record, out file);
            }

            Advance(pending);
            pending = -1;
        }
        else if (next == 0 && inputs.Length == 1)
        {
            // One file: nothing to merge from the start (nor a queue to build).
            Open();
            direct = 0;
            return ReadDirect(out record, out file);
        }

        while (true)
        {
            // Open every file whose first packet is due before the earliest head of the open ones.
            while (next < inputs.Length && (heads.Count == 0 || !heads.TryPeek(out _, out var p) || inputs[next].FirstNs <= p.Time))
            {
                OpenNext();
            }

            if (!heads.TryDequeue(out file, out _))
            {
                record = default;
                return false;
            }

            var input = inputs[file];
            if ((open > 1 || sameTime.Count > 0) && IsDuplicate(file, input.Head, input.TimeNs))
            {
                log.CurrentSource = input.Path;
                log.Add(DuplicatePacket, input.FileOffset);
                Advance(file);
                continue;
            }

            log.CurrentSource = input.Path;
            record = new PacketRecord(input.Head, input.TimeNs, input.OriginalLength, input.InterfaceId, input.LinkType, input.FileOffset);
            pending = file;
            return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadDirect(out PacketRecord record, out int file)
    {
        var input = inputs[direct];
        file = direct;
        while (true)
        {
            log.CurrentSource = input.Path;
            if (!Next(input, out record))
            {
                Close(direct);
                direct = -1;
                return false;
            }

            // Packets of a file that just closed, at this nanosecond, can still be the same as this one; past it
            // no other file's packet is left to compare with.
            if (sameTime.Count > 0)
            {
                if (record.TimestampNs != sameTimeNs)
                {
                    sameTime.Clear();
                }
                else if (IsDuplicate(file, record.Data, record.TimestampNs))
                {
                    log.Add(DuplicatePacket, record.FileOffset);
                    continue;
                }
            }

            return true;
        }
    }

    /// <summary>How far into file <paramref name="file"/> (an index in <see cref="Paths"/>) reading has got: what progress bars want.</summary>
    public long SourcePosition(int file) => inputs[file] switch
    {
        { Reader: null } => 0,
        { Decoder: { } d } => d.SourcePosition,
        { Reader: { } reader } => reader.SourcePosition,
    };

    /// <summary>Stops the files still being decoded and closes every file still open.</summary>
    public void Dispose()
    {
        cancel.Cancel();
        foreach (var i in inputs)
        {
            i.Decoder?.Dispose();
            i.Decoder = null;
            i.Reader?.Dispose();
            i.Reader = null;
        }

        decoding?.Dispose();
        cancel.Dispose();
    }

    private void OpenNext() => Advance(Open());

    private int Open()
    {
        var index = next++;
        var input = inputs[index];
        var still = inputs.FirstOrDefault(i => i.Reader is not null);
        if (still is not null && input.FirstNs != long.MaxValue)
        {
            log.CurrentSource = input.Path;
            log.Add(FilesOverlap);
            Overlaps.Add((input.Path, still.Path));
        }

        StartDecoders(index);
        log.CurrentSource = input.Path;
        input.Reader = input.Decoder is { } decoder ? decoder.Open(log) : CaptureReader.Open(input.Path, log);
        open++;
        Opened?.Invoke(index, input.Reader);
        return index;
    }

    // Several files: each from the one opening now to Decoders beyond it starts decoding on a thread of its own.
    private void StartDecoders(int opening)
    {
        if (inputs.Length < 2 || Decoders <= 0)
        {
            return;
        }

        decoding ??= new SemaphoreSlim(Decoders, Decoders);
        for (; started < inputs.Length && started <= opening + Decoders; started++)
        {
            inputs[started].Decoder = new FileDecoder(inputs[started].Path, decoding, cancel.Token, ChunkRecords);
        }
    }

    // The file's next record, from its decoder or its reader.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Next(Input input, out PacketRecord record) =>
        input.Decoder is { } decoder ? decoder.TryRead(log, out record) : input.Reader!.TryRead(out record);

    // At the end of a file: its decoder's thread has stopped; the file is closed.
    private void Close(int index)
    {
        var input = inputs[index];
        Closed?.Invoke(index, input.Reader!);
        input.Decoder?.Dispose();
        input.Decoder = null;
        input.Reader!.Dispose();
        input.Reader = null;
        open--;
    }

    // Reads the file's next packet into its buffer and queues it; at the end, closes the file.
    private void Advance(int index)
    {
        var input = inputs[index];
        log.CurrentSource = input.Path;
        if (Next(input, out var r))
        {
            if (input.Decoder is { } decoder)
            {
                // The record stays in the decoder's chunk until this file is advanced again: no copy.
                (input.Data, input.Start) = decoder.Last;
            }
            else
            {
                if (input.Data.Length < r.Data.Length)
                {
                    input.Data = new byte[Math.Max(r.Data.Length, input.Data.Length * 2)];
                }

                r.Data.CopyTo(input.Data);
                input.Start = 0;
            }

            input.Length = r.Data.Length;
            input.TimeNs = r.TimestampNs;
            input.OriginalLength = r.OriginalLength;
            input.InterfaceId = r.InterfaceId;
            input.LinkType = r.LinkType;
            input.FileOffset = r.FileOffset;
            heads.Enqueue(index, (r.TimestampNs, index));
            return;
        }

        Close(index);
    }

    // Only while two files are open (or just were) can a packet be in both: it is then compared with the packets of other files
    // handed out at the same nanosecond (a hash of the bytes, with the length).
    private bool IsDuplicate(int file, ReadOnlySpan<byte> data, long timeNs)
    {
        if (timeNs != sameTimeNs)
        {
            sameTimeNs = timeNs;
            sameTime.Clear();
        }

        var h = new HashCode();
        h.AddBytes(data);
        var hash = h.ToHashCode();
        foreach (var (other, length, otherHash) in sameTime)
        {
            if (other != file && length == data.Length && otherHash == hash)
            {
                return true;
            }
        }

        sameTime.Add((file, data.Length, hash));
        return false;
    }

    private sealed class Input(string path, long firstNs)
    {
        public string Path { get; } = path;

        public long FirstNs { get; } = firstNs;

        public CaptureReader? Reader { get; set; }

        public FileDecoder? Decoder { get; set; }

        // The head record's bytes: a copy in Data from 0 (a file read here), or where its decoder's chunk holds it.
        public byte[] Data { get; set; } = new byte[2048];

        public int Start { get; set; }

        public int Length { get; set; }

        public ReadOnlySpan<byte> Head => Data.AsSpan(Start, Length);

        public long TimeNs { get; set; }

        public int OriginalLength { get; set; }

        public int InterfaceId { get; set; }

        public LinkType LinkType { get; set; }

        public long FileOffset { get; set; }
    }
}
