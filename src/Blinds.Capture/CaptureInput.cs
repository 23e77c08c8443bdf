using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using Blinds.Capture.Anomalies;

using Microsoft.Win32.SafeHandles;

namespace Blinds.Capture;

/// <summary>
/// A forward-only window over a stream. Hand-written rather than a BufferedStream/PipeReader because records must be
/// handed out as spans into one reusable buffer: no copy and no allocation per packet. Tolerates streams that return
/// any number of bytes per read (pipes, gzip), which is what makes chunked and whole reads agree.
/// </summary>
/// <remarks>
/// A plain regular file on Linux is read without copies instead (<see cref="TryMap"/>): a window of
/// <see cref="MapWindow"/> bytes of the file is mapped, and slid forward (the passed part unmapped) when a record runs
/// past its end, so the mapped page-cache pages that count in the process's resident set stay bounded by the window
/// (mapping the whole file once put 537 MiB in RSS: bench/STARTUP-NOTES.md). Both kinds hand out bytes through one
/// pointer (<see cref="data"/>: the pinned buffer or the mapped window), so <see cref="Span"/> stays one branch-free
/// inlined expression; a branch there once stopped its inlining and cost 7% of a read. Unsafe code (the project's
/// only) is for that pointer and for mmap(2); a file that another process truncates while it is being read raises
/// SIGBUS in a mapping, as with every memory-mapped reader, where the stream path would see the end early.
/// </remarks>
internal sealed unsafe class CaptureInput : IDisposable
{
    private const int DefaultBufferSize = 1 << 20;

    /// <summary>Bytes of a file mapped at once: the bound mapped reading adds to the resident set (measured on 5.7 M
    /// packets: 16 MiB 54 MB peak RSS, as reading into the 1 MiB buffer; 64 MiB 102 MB; no CPU difference).</summary>
    internal const int MapWindow = 16 << 20;

    private readonly Stream stream;
    private readonly AnomalyLog log;
    private byte[] buffer;
    private byte* data;
    private int start;
    private int end;
    private bool eof;

    // Mapped reading: the file's handle and length, and the window [mapOffset, mapOffset + mapLength) mapped at data.
    private readonly SafeFileHandle? file;
    private readonly int window;
    private long fileLength;
    private long mapOffset;
    private long mapLength;

    public CaptureInput(Stream stream, AnomalyLog log, int bufferSize = DefaultBufferSize)
    {
        this.stream = stream;
        this.log = log;
        buffer = Pinned(Math.Max(bufferSize, 64));
        data = Address(buffer);
    }

    private CaptureInput(Stream stream, AnomalyLog log, SafeFileHandle file, long length, int window)
    {
        this.stream = stream;
        this.log = log;
        this.file = file;
        this.window = window;
        fileLength = length;
        buffer = [];
    }

    /// <summary>True when the bytes come from a mapping of the file rather than through reads.</summary>
    public bool Mapped => file is not null;

    /// <summary>Offset of the first unconsumed byte from the start of the (decompressed) data.</summary>
    public long Position { get; private set; }

    /// <summary>True when the underlying data ended because it was corrupt (gzip), not because it was complete.</summary>
    public bool Corrupt { get; private set; }

    /// <summary>Bytes available without reading more.</summary>
    public int Available => end - start;

    /// <summary>The unconsumed bytes currently buffered.</summary>
    public ReadOnlySpan<byte> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(data + start, end - start);
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available; false when the data ends first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Ensure(int count)
    {
        if (end - start >= count)
        {
            return true;
        }

        return Fill(count);
    }

    /// <summary>Marks <paramref name="count"/> bytes as read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Consume(int count)
    {
        start += count;
        Position += count;
    }

    /// <summary>Skips <paramref name="count"/> bytes, reading past them if they are not buffered; false at end of data.</summary>
    public bool Skip(long count)
    {
        while (count > 0)
        {
            if (Available == 0 && !Fill(1))
            {
                return false;
            }

            var n = (int)Math.Min(count, Available);
            Consume(n);
            count -= n;
        }

        return true;
    }

    private bool Fill(int count)
    {
        if (file is not null)
        {
            return Slide(count);
        }

        if (count > buffer.Length)
        {
            // Only records larger than the buffer get here; the callers cap record sizes, so this stays bounded.
            var bigger = Pinned(Math.Max(count, buffer.Length * 2));
            Buffer.BlockCopy(buffer, start, bigger, 0, end - start);
            end -= start;
            start = 0;
            buffer = bigger;
            data = Address(buffer);
        }
        else if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        while (end - start < count && !eof)
        {
            int n;
            try
            {
                n = stream.Read(buffer, end, buffer.Length - end);
            }
            catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or InvalidOperationException or EndOfStreamException)
            {
                // The decompressors' ways of saying the compressed data is bad or cut.
                log.Add(CaptureAnomalies.GzipCorrupt, Position + (end - start));
                Corrupt = true;
                n = 0;
            }

            if (n <= 0)
            {
                eof = true;
            }
            else
            {
                end += n;
            }
        }

        return end - start >= count;
    }

    public void Dispose()
    {
        Unmap();
        stream.Dispose();
    }

    // The buffer lives on the pinned object heap, so its address can be kept in data for the reader's whole life.
    private static byte[] Pinned(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);

    private static byte* Address(byte[] array) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));

    /// <summary>
    /// An input over <paramref name="raw"/> without copies when it is a regular file of at least
    /// <paramref name="minimum"/> bytes on Linux and its first window maps; otherwise null, and the caller reads
    /// through the stream (pipes, devices and /proc files report no length, so they never get here). On success
    /// <paramref name="raw"/> is owned by the input; its position does not matter.
    /// </summary>
    public static CaptureInput? TryMap(FileStream raw, AnomalyLog log, long minimum, int window)
    {
        if (!OperatingSystem.IsLinux() || !raw.CanSeek || window < 4096)
        {
            return null;
        }

        long length;
        try
        {
            length = RandomAccess.GetLength(raw.SafeFileHandle);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            return null;
        }

        if (length < Math.Max(minimum, 1))
        {
            return null;
        }

        var input = new CaptureInput(raw, log, raw.SafeFileHandle, length, window);
        if (input.Slide(1))
        {
            return input;
        }

        // The first window did not map (no libc, a file system without mmap): read as a stream instead.
        return null;
    }

    // Maps the window that starts at the page holding the first unconsumed byte and holds at least count bytes (or
    // the rest of the file); the previous window is unmapped, so what was passed leaves the resident set. False when
    // the file ends first (what is left stays mapped) or, before the first window, when mapping fails.
    private bool Slide(int count)
    {
        var position = mapOffset + start;
        if (fileLength - position < count)
        {
            // The file may have grown since it was opened (a capture still being written): look at its end again.
            fileLength = Math.Max(fileLength, RandomAccess.GetLength(file!));
        }

        if (fileLength - position <= end - start)
        {
            return false; // nothing beyond what is mapped
        }

        var page = NativeMap.PageSize;
        var offset = position & ~(long)(page - 1);
        var length = Math.Min(fileLength - offset, Math.Max(window, position - offset + (long)count));
        var mapped = NativeMap.Map(file!, offset, length);
        if (mapped is null)
        {
            if (mapLength == 0)
            {
                return false;
            }

            // A later window failed (address space, a file cut under us): one line saying where, as a read error.
            throw new IOException($"cannot map {length} bytes of the capture at offset {offset}");
        }

        Unmap();
        data = mapped;
        mapOffset = offset;
        mapLength = length;
        start = (int)(position - offset);
        end = (int)length;
        return end - start >= count;
    }

    private void Unmap()
    {
        if (file is not null && mapLength > 0)
        {
            NativeMap.Unmap(data, mapLength);
            mapLength = 0;
            data = null;
        }
    }

    /// <summary>True when <paramref name="head"/>, a file's first bytes, start gzip, zstd or lz4 data (as <see cref="Unwrap"/> decides).</summary>
    public static bool IsCompressed(ReadOnlySpan<byte> head) =>
        (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        || (head.Length == 4 && (head.SequenceEqual((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]) || head.SequenceEqual((ReadOnlySpan<byte>)[0x04, 0x22, 0x4d, 0x18])));

    /// <summary>Opens a stream, reading through gzip, zstd or lz4 when its first bytes say so (never its name).</summary>
    public static (Stream Stream, Compression Compression) Unwrap(Stream raw)
    {
        Span<byte> head = stackalloc byte[4];
        var got = ReadFully(raw, head);
        var prefixed = new PrefixedStream(head[..got].ToArray(), raw);
        if (got >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            return (new GZipStream(prefixed, CompressionMode.Decompress), Compression.Gzip);
        }

        if (got == 4 && head.SequenceEqual((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]))
        {
            return (new ZstdSharp.DecompressionStream(prefixed), Compression.Zstd);
        }

        if (got == 4 && head.SequenceEqual((ReadOnlySpan<byte>)[0x04, 0x22, 0x4d, 0x18]))
        {
            return (K4os.Compression.LZ4.Streams.LZ4Stream.Decode(prefixed), Compression.Lz4);
        }

        return (prefixed, Compression.None);
    }

    private static int ReadFully(Stream s, Span<byte> into)
    {
        var total = 0;
        while (total < into.Length)
        {
            var n = s.Read(into[total..]);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
