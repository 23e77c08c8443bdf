using Blinds.Protocols.Addressing;

namespace Blinds.Traffic.Records;

/// <summary>
/// The internet packets of a read (direction up or down), kept compactly on disk as the trace is built, so that
/// later passes (the rate search, the defence simulations) replay them instead of reading and decoding the captures
/// again: one read of the capture feeds every phase. Each packet is four variable-length integers (time step, wire
/// length, station and direction, remote address), about 6 bytes, in a temporary file deleted when the log is
/// disposed; stations and remote addresses are numbered in memory. <see cref="Replay"/> gives the later passes the
/// very rows, in the very order, that they would have had from reading the captures again (the fields they use:
/// time, wire length, direction, station, remote address). Should the disk fail while the log is written, the log
/// says it is not <see cref="Complete"/> and the callers read the captures again.
/// </summary>
public sealed class PacketLog : PacketSink, IDisposable
{
    private readonly Dictionary<MacAddress, int> stationIds = [];
    private readonly List<MacAddress> stations = [];
    private readonly Dictionary<IpAddress, int> remoteIds = [];
    private readonly List<IpAddress> remotes = [];
    private readonly string? directory;
    private FileStream? file;
    private byte[] buffer = new byte[1 << 16];
    private int used;
    private long lastNs;
    private bool failed;

    /// <summary>A log in the system's temporary directory.</summary>
    public PacketLog()
    {
    }

    /// <summary>A log in <paramref name="directory"/> (tests).</summary>
    public PacketLog(string directory)
    {
        this.directory = directory;
    }

    /// <summary>Packets logged.</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes the log holds on disk.</summary>
    public long StoredBytes => (file?.Length ?? 0) + used;

    /// <summary>False when writing failed (the disk full): the captures must be read again instead.</summary>
    public bool Complete => !failed;

    /// <inheritdoc/>
    public override void OnPacket(in PacketRow row)
    {
        if (failed || row.Direction is not (Direction.Up or Direction.Down))
        {
            return;
        }

        if (used > buffer.Length - 40)
        {
            Spill();
            if (failed)
            {
                return;
            }
        }

        var up = row.Direction == Direction.Up;
        var remote = up ? row.DestinationIp : row.SourceIp;
        if (!stationIds.TryGetValue(row.Device, out var station))
        {
            station = stations.Count;
            stationIds.Add(row.Device, station);
            stations.Add(row.Device);
        }

        if (!remoteIds.TryGetValue(remote, out var r))
        {
            r = remotes.Count;
            remoteIds.Add(remote, r);
            remotes.Add(remote);
        }

        var step = row.TimeNs - lastNs;
        lastNs = row.TimeNs;
        Write((ulong)((step << 1) ^ (step >> 63)));
        Write((ulong)(uint)row.WireLength);
        Write(((ulong)(uint)station << 1) | (up ? 1UL : 0UL));
        Write((ulong)(uint)r);
        Packets++;
    }

    /// <summary>
    /// Replays every logged packet, in order, into <paramref name="sink"/> as a <see cref="PacketRow"/> with the time,
    /// wire length, direction, station and remote address (as the destination going up, the source coming down)
    /// of the packet read; its other fields are empty. <paramref name="progress"/> gets (bytes replayed, bytes in all).
    /// </summary>
    public void Replay(ITraceSink sink, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (failed)
        {
            throw new InvalidOperationException("the packet log is incomplete (writing it failed): read the captures again");
        }

        var total = StoredBytes;
        var tail = used;
        var chunk = new byte[1 << 16];
        long at = 0, time = 0, count = 0;
        file?.Flush();
        file?.Seek(0, SeekOrigin.Begin);
        var fileLength = file?.Length ?? 0;
        var length = 0;
        var pos = 0;
        var next = 0L;
        while (count < Packets)
        {
            // Refill when fewer bytes are left than one packet can take (4 integers of at most 10 bytes).
            if (length - pos < 40 && at < total)
            {
                Array.Copy(chunk, pos, chunk, 0, length - pos);
                length -= pos;
                pos = 0;
                while (length < chunk.Length && at < total)
                {
                    int n;
                    var fileLeft = fileLength - at;
                    if (fileLeft > 0)
                    {
                        n = file!.Read(chunk, length, (int)Math.Min(chunk.Length - length, fileLeft));
                        if (n <= 0)
                        {
                            throw new IOException("the packet log ended early");
                        }
                    }
                    else
                    {
                        var offset = (int)(at - fileLength);
                        n = Math.Min(chunk.Length - length, tail - offset);
                        Array.Copy(buffer, offset, chunk, length, n);
                    }

                    length += n;
                    at += n;
                }

                if (progress is not null && at >= next)
                {
                    progress(at, total);
                    next = at + (16L << 20);
                }
            }

            var zig = Read(chunk, ref pos);
            time += (long)(zig >> 1) ^ -(long)(zig & 1);
            var wire = (int)Read(chunk, ref pos);
            var who = Read(chunk, ref pos);
            var remote = remotes[(int)Read(chunk, ref pos)];
            var up = (who & 1) != 0;
            var station = stations[(int)(who >> 1)];
            sink.OnPacket(new PacketRow(time, wire, 0, default, default, remote.IsV4 ? (byte)4 : (byte)6, up ? default : remote, up ? remote : default, 0, 0, 0, 0, up ? Direction.Up : Direction.Down, station));
            count++;
        }

        progress?.Invoke(total, total);
    }

    /// <summary>
    /// The packets of <paramref name="paths"/> into <paramref name="sink"/>: replayed from <paramref name="log"/> when
    /// it holds them all, else read from the captures with <paramref name="options"/>. <paramref name="progress"/> gets
    /// (file, bytes, bytes in all) as a read of the captures gives it, a replay's share of the captures' size.
    /// </summary>
    public static void ReplayOrRead(PacketLog? log, IReadOnlyList<string> paths, TraceOptions options, ITraceSink sink, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(sink);
        if (log is not { Complete: true })
        {
            TraceBuilder.ReadFiles(paths, options, sink, progress);
            return;
        }

        if (progress is null || paths.Count == 0)
        {
            log.Replay(sink);
            return;
        }

        var size = paths.Sum(p => File.Exists(p) ? new FileInfo(p).Length : 0);
        log.Replay(sink, (at, total) => progress(paths[0], total == 0 ? size : (long)((double)at / total * size), size));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        file?.Dispose();
        file = null;
        buffer = [];
        used = 0;
    }

    private static ulong Read(byte[] data, ref int pos)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }

    private void Write(ulong value)
    {
        while (value >= 0x80)
        {
            buffer[used++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[used++] = (byte)value;
    }

    // Owner-only from its creation: the log holds the home's traffic (when, how much, which device, which remote
    // address), and the shared temporary folder must not widen who can read it.
    private static FileStream Create(string path)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private void Spill()
    {
        try
        {
            file ??= Create(Path.Combine(directory ?? Path.GetTempPath(), $"blinds-packets-{Environment.ProcessId}-{Guid.NewGuid():N}.log"));
            file.Seek(0, SeekOrigin.End);
            file.Write(buffer, 0, used);
            used = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failed = true;
            file?.Dispose();
            file = null;
            used = 0;
        }
    }
}
