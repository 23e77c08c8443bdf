using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Capture;

/// <summary>
/// Reads packets from a capture in one forward pass. The format comes from the first bytes, never from the file name;
/// gzip-compressed files are read transparently. Problems are counted in the <see cref="AnomalyLog"/>; where going on
/// is not safe, reading stops and <see cref="StopError"/> says what and where in one line.
/// </summary>
public abstract class CaptureReader : IDisposable
{
    private readonly List<CaptureInterface> interfaces = [];
    private long lastTimestamp = long.MinValue;

    private protected CaptureReader(CaptureInput input, AnomalyLog log, string source, Compression compression)
    {
        Input = input;
        Log = log;
        Source = source;
        Compression = compression;
    }

    /// <summary>The container format.</summary>
    public abstract CaptureFormat Format { get; }

    /// <summary>How the file is compressed.</summary>
    public Compression Compression { get; }

    /// <summary>The name used in messages (usually the path).</summary>
    public string Source { get; }

    /// <summary>Where anomalies are counted.</summary>
    public AnomalyLog Log { get; }

    /// <summary>Interfaces seen so far (all sections, in order).</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => interfaces;

    /// <summary>Packets returned so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>Set when reading stopped early because the data was not safe to go on with; one line naming file and offset.</summary>
    public string? StopError { get; private protected set; }

    /// <summary>Bytes of (decompressed) data consumed so far.</summary>
    public long Position => Input.Position;

    /// <summary>How far into the file itself reading has got (compressed bytes for compressed files): what progress bars want.</summary>
    public long SourcePosition => RawStream is { CanSeek: true } raw ? raw.Position : Input.Position;

    private Stream? RawStream { get; set; }

    /// <summary>Address-to-name records found in the file (pcapng name resolution blocks).</summary>
    public IList<KeyValuePair<byte[], string>> NameRecords { get; } = [];

    private protected CaptureInput Input { get; }

    /// <summary>Reads the next packet; false at the end of the data or when reading stopped (see <see cref="StopError"/>).</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out PacketRecord record)
    {
        if (StopError is null && ReadNext(out record))
        {
            PacketCount++;
            if (record.TimestampNs < lastTimestamp)
            {
                Log.Add(CaptureAnomalies.TimeWentBackwards, record.FileOffset);
            }

            lastTimestamp = record.TimestampNs;
            return true;
        }

        if (StopError is null && Input.Corrupt)
        {
            Stop(Input.Position, $"{Compression.ToString().ToLowerInvariant()} data is corrupt or cut");
        }

        record = default;
        return false;
    }

    /// <summary>Reads one record; implemented by each format.</summary>
    private protected abstract bool ReadNext(out PacketRecord record);

    private protected void AddInterface(CaptureInterface iface) => interfaces.Add(iface);

    private protected void Stop(long offset, string what) => StopError = $"{Source}: offset {offset}: {what}";

    /// <summary>Opens a capture file for reading. Throws <see cref="CaptureFormatException"/> when it is no capture; <see cref="IOException"/> when it cannot be opened.</summary>
    public static CaptureReader Open(string path, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            return Open(fs, log, path);
        }
        catch
        {
            fs.Dispose();
            throw;
        }
    }

    /// <summary>Opens a capture from a stream (owned by the reader from now on).</summary>
    public static CaptureReader Open(Stream stream, AnomalyLog log, string source, int bufferSize = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(log);
        log.CurrentSource = source;
        var (data, compression) = CaptureInput.Unwrap(stream);
        var after = compression == Compression.None ? string.Empty : $" after {compression.ToString().ToLowerInvariant()}";
        var input = new CaptureInput(data, log, bufferSize);
        input.Ensure(4);
        var head = input.Span;
        if (head.Length < 4 && input.Corrupt)
        {
            input.Dispose();
            throw new CaptureFormatException($"{source}: {compression.ToString().ToLowerInvariant()} data is corrupt before the first capture header");
        }

        if (head.Length == 0)
        {
            input.Dispose();
            throw new CaptureFormatException($"{source}: empty file{after}, not a capture");
        }

        if (head.Length >= 4)
        {
            var magic = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (PcapReader.IsMagic(magic))
            {
                return new PcapReader(input, log, source, compression) { RawStream = stream };
            }

            if (magic == PcapNgReader.SectionHeaderType)
            {
                return new PcapNgReader(input, log, source, compression) { RawStream = stream };
            }
        }

        var hex = Convert.ToHexString(head[..Math.Min(4, head.Length)]).ToLowerInvariant();
        input.Dispose();
        throw new CaptureFormatException($"{source}: not a pcap or pcapng capture (first bytes {hex}{after})");
    }

    /// <summary>Closes the input.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the input.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Input.Dispose();
        }
    }
}
