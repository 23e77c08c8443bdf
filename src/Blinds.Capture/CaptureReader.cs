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

    private protected CaptureReader(CaptureInput input, AnomalyLog log, string source, bool gzip)
    {
        Input = input;
        Log = log;
        Source = source;
        Gzip = gzip;
    }

    /// <summary>The container format.</summary>
    public abstract CaptureFormat Format { get; }

    /// <summary>True when the file is gzip-compressed.</summary>
    public bool Gzip { get; }

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

    /// <summary>Address-to-name records found in the file (pcapng name resolution blocks).</summary>
    public IList<KeyValuePair<byte[], string>> NameRecords { get; } = [];

    private protected CaptureInput Input { get; }

    /// <summary>Reads the next packet; false at the end of the data or when reading stopped (see <see cref="StopError"/>).</summary>
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
            Stop(Input.Position, "gzip data is corrupt or cut");
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
        var (data, gzip) = CaptureInput.Unwrap(stream);
        var input = new CaptureInput(data, log, bufferSize);
        input.Ensure(4);
        var head = input.Span;
        if (head.Length < 4 && input.Corrupt)
        {
            input.Dispose();
            throw new CaptureFormatException($"{source}: gzip data is corrupt before the first capture header");
        }

        if (head.Length == 0)
        {
            input.Dispose();
            throw new CaptureFormatException($"{source}: empty file{(gzip ? " (after gzip)" : string.Empty)}, not a capture");
        }

        if (head.Length >= 4)
        {
            var magic = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (PcapReader.IsMagic(magic))
            {
                return new PcapReader(input, log, source, gzip);
            }

            if (magic == PcapNgReader.SectionHeaderType)
            {
                return new PcapNgReader(input, log, source, gzip);
            }
        }

        var hex = Convert.ToHexString(head[..Math.Min(4, head.Length)]).ToLowerInvariant();
        input.Dispose();
        throw new CaptureFormatException($"{source}: not a pcap or pcapng capture (first bytes {hex}{(gzip ? " after gzip" : string.Empty)})");
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
