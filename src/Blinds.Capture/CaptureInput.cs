using System.IO.Compression;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>
/// A forward-only window over a stream. Hand-written rather than a BufferedStream/PipeReader because records must be
/// handed out as spans into one reusable buffer: no copy and no allocation per packet. Tolerates streams that return
/// any number of bytes per read (pipes, gzip), which is what makes chunked and whole reads agree.
/// </summary>
internal sealed class CaptureInput : IDisposable
{
    private const int DefaultBufferSize = 1 << 20;
    private readonly Stream stream;
    private readonly AnomalyLog log;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;

    public CaptureInput(Stream stream, AnomalyLog log, int bufferSize = DefaultBufferSize)
    {
        this.stream = stream;
        this.log = log;
        buffer = new byte[Math.Max(bufferSize, 64)];
    }

    /// <summary>Offset of the first unconsumed byte from the start of the (decompressed) data.</summary>
    public long Position { get; private set; }

    /// <summary>True when the underlying data ended because it was corrupt (gzip), not because it was complete.</summary>
    public bool Corrupt { get; private set; }

    /// <summary>Bytes available without reading more.</summary>
    public int Available => end - start;

    /// <summary>The unconsumed bytes currently buffered.</summary>
    public ReadOnlySpan<byte> Span => buffer.AsSpan(start, end - start);

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
        if (count > buffer.Length)
        {
            // Only records larger than the buffer get here; the callers cap record sizes, so this stays bounded.
            var bigger = new byte[Math.Max(count, buffer.Length * 2)];
            Buffer.BlockCopy(buffer, start, bigger, 0, end - start);
            end -= start;
            start = 0;
            buffer = bigger;
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

    public void Dispose() => stream.Dispose();

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
