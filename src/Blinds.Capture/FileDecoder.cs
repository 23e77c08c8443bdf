using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>
/// Reads and decodes one capture file on its own thread, ahead of <see cref="CaptureMerge"/>, into a few reusable
/// chunks of packet records (no allocation per packet; at most <see cref="ChunksPerFile"/> chunks in flight, so memory
/// stays bounded whatever the file's size). The merge takes the records in file order from its thread
/// (<see cref="TryRead"/>) exactly as it would take them from the reader: the anomalies the reader raised are kept
/// with the packet that raised them and added to the merge's log when the merge reaches that packet, so the log ends
/// the same (counts and first locations) as when the file is read on the merge's thread.
/// </summary>
internal sealed class FileDecoder : IDisposable
{
    /// <summary>Chunks per file: one being filled, one being read by the merge, two waiting.</summary>
    internal const int ChunksPerFile = 4;

    /// <summary>
    /// Records per chunk (and at most 128 KiB of them): small enough that a chunk is still in cache when the merge
    /// reads it (1 MiB chunks of 4096 cost about a third more CPU on `blinds summary`, bench/AUDIT.md).
    /// </summary>
    internal const int ChunkRecords = 512;

    private readonly string path;
    private readonly SemaphoreSlim decoding;
    private readonly CancellationToken cancel;
    private readonly BlockingCollection<Chunk> free = new(new ConcurrentQueue<Chunk>());
    private readonly BlockingCollection<Chunk> full = new(new ConcurrentQueue<Chunk>());
    private readonly Thread thread;
    private readonly int chunkRecords;
    private CaptureReader? reader;
    private Chunk? current;
    private int index;
    private bool handedOut;
    private int chunks;

    /// <summary>Starts decoding <paramref name="path"/>; at most as many files decode at once as <paramref name="decoding"/> allows.</summary>
    public FileDecoder(string path, SemaphoreSlim decoding, CancellationToken cancel, int chunkRecords = ChunkRecords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRecords, 1);
        this.chunkRecords = Math.Min(chunkRecords, Chunk.MaxRecords);
        this.path = path;
        this.decoding = decoding;
        this.cancel = cancel;
        thread = new Thread(Run) { IsBackground = true, Name = "blinds decode " + Path.GetFileName(path) };
        thread.Start();
    }

    /// <summary>The buffer and offset of the record <see cref="TryRead"/> returned last, valid as long as that record is.</summary>
    public (byte[] Buffer, int Start) Last => current!.Place(index - 1);

    /// <summary>How far into the file the records handed out so far reach (read ahead by up to a chunk).</summary>
    public long SourcePosition => current?.SourcePosition ?? 0;

    /// <summary>
    /// The reader, once the file is open: what <see cref="CaptureReader.Open(string, AnomalyLog)"/> would have
    /// returned, with the anomalies raised while opening added to <paramref name="log"/>; its exception if it failed.
    /// </summary>
    public CaptureReader Open(AnomalyLog log)
    {
        Take(log);
        if (current!.Reader is null)
        {
            ExceptionDispatchInfo.Throw(current.Error!);
        }

        handedOut = true;
        return current.Reader;
    }

    /// <summary>The file's next record, as <see cref="CaptureReader.TryRead"/> gives it; valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(AnomalyLog log, out PacketRecord record)
    {
        var c = current!;
        if (index == c.Count && !c.End)
        {
            free.Add(c);
            Take(log);
            c = current!;
        }

        if (c.Replayed < c.Events.Count)
        {
            Replay(log, c, index);
        }

        if (index < c.Count)
        {
            record = c.Record(index++);
            return true;
        }

        if (c.Error is not null)
        {
            ExceptionDispatchInfo.Throw(c.Error);
        }

        record = default;
        return false;
    }

    /// <summary>Waits for the decoding thread to stop (cancelled, or at the end of the file) and closes the file if the merge never took it.</summary>
    public void Dispose()
    {
        thread.Join();
        if (!handedOut)
        {
            reader?.Dispose();
        }

        free.Dispose();
        full.Dispose();
    }

    private static void Replay(AnomalyLog log, Chunk c, int packet)
    {
        var events = c.Events;
        while (c.Replayed < events.Count && events[c.Replayed].Packet == packet)
        {
            var e = events[c.Replayed++];
            log.Add(e.Anomaly, e.Occurrences, e.Offset);
        }
    }

    // Takes the next chunk and adds the anomalies raised before its first record (while opening, for the first).
    private void Take(AnomalyLog log)
    {
        current = full.Take();
        index = 0;
        Replay(log, current, -1);
    }

    private void Run()
    {
        // The reader's own log: it only records what is raised, for the merge to add to its log at the right packet.
        var pending = new List<Event>();
        var log = new AnomalyLog { Observer = (a, n, offset) => pending.Add(new Event(-1, a, n, offset)), CurrentSource = path };
        Chunk? chunk = null;
        var holding = false;
        try
        {
            chunk = TakeFree();
            decoding.Wait(cancel);
            holding = true;
            try
            {
                reader = CaptureReader.Open(path, log);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Thrown to the merge when it opens the file, as the reader would have thrown there.
                FlushEvents(chunk, pending, -1);
                chunk.Error = e;
                chunk.End = true;
                full.Add(chunk);
                return;
            }

            chunk.Reader = reader;
            FlushEvents(chunk, pending, -1);
            while (true)
            {
                var packet = chunk.Count;
                bool more;
                try
                {
                    more = reader.TryRead(out var r);
                    if (more && !chunk.TryAdd(r))
                    {
                        // Full: hand it over (not holding a decoding slot while waiting for a free chunk), then start
                        // the next with this record, still valid as the reader has not been called since.
                        decoding.Release();
                        holding = false;
                        chunk.SourcePosition = reader.SourcePosition;
                        full.Add(chunk);
                        chunk = TakeFree();
                        decoding.Wait(cancel);
                        holding = true;
                        packet = 0;
                        chunk.Add(r);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    chunk.Error = e;
                    more = false;
                }

                FlushEvents(chunk, pending, packet);
                if (!more)
                {
                    chunk.SourcePosition = reader.SourcePosition;
                    chunk.End = true;
                    full.Add(chunk);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The merge was disposed before the end of this file.
        }
        finally
        {
            if (holding)
            {
                decoding.Release();
            }
        }
    }

    // A chunk to fill: a new one while the file has fewer than ChunksPerFile, else one the merge has moved past.
    private Chunk TakeFree()
    {
        if (!free.TryTake(out var chunk))
        {
            chunk = chunks < ChunksPerFile ? new Chunk(chunkRecords) : free.Take(cancel);
            chunks = Math.Min(chunks + 1, ChunksPerFile);
        }

        chunk.Reset();
        return chunk;
    }

    // Moves the anomalies raised by the last call into the chunk, against the record that call returned (or -1: opening).
    private static void FlushEvents(Chunk chunk, List<Event> pending, int packet)
    {
        foreach (var e in pending)
        {
            chunk.Events.Add(e with { Packet = packet });
        }

        pending.Clear();
    }

    private readonly record struct Event(int Packet, Anomaly Anomaly, long Occurrences, long Offset);

    // One record's place in a chunk.
    private readonly record struct Slot(int Start, int Length, long Time, int OriginalLength, int InterfaceId, LinkType Link, long FileOffset);

    // Records of one file, side by side over one byte buffer; reused once the merge has moved past them. Buffers
    // start small and grow to their bounds, so that a small file costs little.
    private sealed class Chunk(int maxRecords)
    {
        public const int MaxRecords = 4096;
        private const int MaxBytes = 128 << 10;

        private byte[] data = new byte[16 << 10];
        private Slot[] slots = new Slot[Math.Min(64, maxRecords)];
        private int used;

        public int Count { get; private set; }

        public List<Event> Events { get; } = [];

        public int Replayed { get; set; }

        public bool End { get; set; }

        public Exception? Error { get; set; }

        public CaptureReader? Reader { get; set; }

        public long SourcePosition { get; set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public PacketRecord Record(int i)
        {
            ref readonly var s = ref slots[i];
            return new PacketRecord(data.AsSpan(s.Start, s.Length), s.Time, s.OriginalLength, s.InterfaceId, s.Link, s.FileOffset);
        }

        public (byte[] Buffer, int Start) Place(int i) => (data, slots[i].Start);

        public void Reset()
        {
            used = 0;
            Count = 0;
            Events.Clear();
            Replayed = 0;
            End = false;
            Error = null;
            Reader = null;
        }

        // Adds the record if it fits within the bounds (an empty chunk takes any record, growing its buffer).
        public bool TryAdd(in PacketRecord r)
        {
            if (Count == maxRecords || (Count > 0 && used + r.Data.Length > Math.Max(MaxBytes, data.Length)))
            {
                return false;
            }

            Add(r);
            return true;
        }

        public void Add(in PacketRecord r)
        {
            if (used + r.Data.Length > data.Length)
            {
                Array.Resize(ref data, Math.Max(used + r.Data.Length, Math.Min(MaxBytes, data.Length * 2)));
            }

            if (Count == slots.Length)
            {
                Array.Resize(ref slots, Math.Min(maxRecords, slots.Length * 2));
            }

            r.Data.CopyTo(data.AsSpan(used));
            slots[Count++] = new Slot(used, r.Data.Length, r.TimestampNs, r.OriginalLength, r.InterfaceId, r.LinkType, r.FileOffset);
            used += r.Data.Length;
        }
    }
}
