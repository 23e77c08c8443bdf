using System.Net;
using System.Net.Sockets;

using Blinds.Shaping.Decoys;

namespace Blinds.Shaping.Cells;

/// <summary>
/// The padding data path at one end: packets routed into the TUN device wait in a bounded queue and leave as
/// fixed-size sealed cells over UDP on this side's schedule, one fragment of the oldest packet per cell (the
/// simulation's slots) or a cover cell when nothing waits; cells from the far end are opened, cover discarded and
/// packets reassembled back into the TUN device. Three threads (TUN reader, sender, UDP receiver), buffers
/// allocated once: nothing is allocated per packet. Decoys (<see cref="DecoyInjector"/>, a fourth thread) wait in a
/// queue of their own and take their turn with the real packets by arrival, as in the simulation's one queue; unpadded,
/// their cells leave at once. A decoy cell is never written to the far end's TUN device.
/// </summary>
public sealed class CellLink : IDisposable
{
    private readonly CellOptions options;
    private readonly CellFormat format;
    private readonly TunDevice tun;
    private readonly Socket socket;
    private readonly CellCipher cipher;
    private readonly PacketQueue queue;
    private readonly Reassembler reassembler;
    private readonly CellSchedule? schedule;
    private readonly DecoyInjector? injector;
    private readonly Queue<(int Length, uint Request, long Arrival)> decoys = new(1024);
    private readonly Lock decoyGate = new();
    private readonly Lock sendGate = new();
    private SocketAddress? peer;
    private volatile bool stopping;
    private volatile string? failure;
    private Thread[] threads = [];

    /// <summary>Opens the TUN device and the socket (the caller has checked the options).</summary>
    public CellLink(CellOptions options, TunDevice tun)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.tun = tun ?? throw new ArgumentNullException(nameof(tun));
        format = new CellFormat(options.CellBytes);
        cipher = new CellCipher(options.Key, options.Role == CellRole.Gateway);
        queue = new PacketQueue(options.QueuePackets, options.TunMtu, options.QueueBytes);
        reassembler = new Reassembler(65_535);
        schedule = options.BytesPerSecond > 0 ? new CellSchedule(options.BytesPerSecond, format.CellBytes, options.Spread, options.Period, options.Seed) : null;
        socket = new Socket(options.Listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 250 };
        try
        {
            socket.Bind(options.Listen);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            cipher.Dispose();
            throw new ShapingException($"{options.Listen}: cannot listen for cells ({e.Message})", e);
        }

        peer = options.Peer?.Serialize();
        if (options.Decoys is not null || options.Role == CellRole.Endpoint)
        {
            // The gateway sends its plan's decoys; the endpoint answers their requests for download bytes.
            injector = new DecoyInjector(options.Decoys, EmitDecoy);
        }
    }

    /// <summary>The format of this path's cells.</summary>
    public CellFormat Format => format;

    /// <summary>Delays of the packets this side sent (arrival in the TUN to the send of their last cell).</summary>
    public DelayHistogram Delays { get; } = new();

    /// <summary>Packets read from the TUN device.</summary>
    public long PacketsIn => Interlocked.Read(ref packetsIn);

    /// <summary>Their IP bytes.</summary>
    public long BytesIn => Interlocked.Read(ref bytesIn);

    /// <summary>Cells sent carrying packet data.</summary>
    public long RealCells => Interlocked.Read(ref realCells);

    /// <summary>Cover cells sent.</summary>
    public long CoverCells => Interlocked.Read(ref coverCells);

    /// <summary>Cells that could not be sent (no peer yet, the endpoint unreachable).</summary>
    public long SendErrors => Interlocked.Read(ref sendErrors);

    /// <summary>Packets dropped because the queue was full.</summary>
    public long QueueDrops => queue.Drops;

    /// <summary>Packets waiting now.</summary>
    public int Queued => queue.Count;

    /// <summary>Cells received and authentic.</summary>
    public long CellsIn => Interlocked.Read(ref cellsIn);

    /// <summary>Datagrams that failed authentication, were replayed or had the wrong size.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Packets reassembled and written to the TUN device.</summary>
    public long PacketsOut => Interlocked.Read(ref packetsOut);

    /// <summary>Packets lost in reassembly (a cell missing).</summary>
    public long ReassemblyDrops => reassembler.Abandoned;

    /// <summary>The rate now in force (VIT moves it), 0 when unshaped.</summary>
    public double Rate => schedule?.Rate ?? 0;

    /// <summary>Cells sent for decoys.</summary>
    public long DecoyCells => Interlocked.Read(ref decoyCells);

    /// <summary>Decoy cells received (discarded after authentication; the endpoint answers their requests).</summary>
    public long DecoyCellsIn => Interlocked.Read(ref decoyCellsIn);

    /// <summary>Decoy packets dropped because their queue was full.</summary>
    public long DecoyDrops => Interlocked.Read(ref decoyDrops);

    /// <summary>Decoy bursts started (gateway) or download requests answered (endpoint).</summary>
    public long DecoyBursts => injector?.Bursts ?? 0;

    /// <summary>When the next decoy starts (gateway with decoys), else null.</summary>
    public DateTimeOffset? NextDecoy => injector?.NextStart;

    /// <summary>Why the path stopped by itself (the TUN device removed), else null.</summary>
    public string? Failure => failure;

    private long packetsIn;
    private long bytesIn;
    private long realCells;
    private long coverCells;
    private long sendErrors;
    private long cellsIn;
    private long rejected;
    private long packetsOut;
    private long decoyCells;
    private long decoyCellsIn;
    private long decoyDrops;
    private byte[]? decoyBody;
    private byte[]? decoyDatagram;

    /// <summary>Starts the threads.</summary>
    public void Start()
    {
        threads =
        [
            new Thread(ReadTun) { IsBackground = true, Name = "blinds tun reader" },
            new Thread(Receive) { IsBackground = true, Name = "blinds cell receiver" },
            .. schedule is null ? Array.Empty<Thread>() : [new Thread(Send) { IsBackground = true, Name = "blinds cell sender", Priority = ThreadPriority.Highest }],
        ];
        foreach (var t in threads)
        {
            t.Start();
        }

        injector?.Start();
    }

    /// <summary>Waits until the path fails by itself or <paramref name="cancel"/> fires.</summary>
    public void Wait(CancellationToken cancel, Action? everySecond = null)
    {
        while (!cancel.IsCancellationRequested && failure is null)
        {
            cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            everySecond?.Invoke();
        }
    }

    /// <summary>Stops the threads (queued packets are dropped: the caller reports how many).</summary>
    public void Stop()
    {
        stopping = true;
        injector?.Dispose();
        foreach (var t in threads)
        {
            t.Join(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Stops and closes the socket and key (the TUN device is the caller's).</summary>
    public void Dispose()
    {
        Stop();
        socket.Dispose();
        cipher.Dispose();
    }

    private void ReadTun()
    {
        var body = new byte[format.BodyBytes];
        var datagram = new byte[format.DatagramBytes];
        ushort id = 0;
        while (!stopping)
        {
            var buffer = queue.WriteBuffer();
            var n = tun.Read(buffer, 250);
            if (n < 0)
            {
                failure = $"{tun.Name}: the TUN device went away";
                return;
            }

            if (n == 0)
            {
                continue;
            }

            var now = MonoClock.Now();
            Interlocked.Increment(ref packetsIn);
            Interlocked.Add(ref bytesIn, n);
            if (schedule is not null)
            {
                queue.Commit(n, now);
                continue;
            }

            // Unshaped: each packet leaves at once, still as cells (what the data path itself costs).
            var packet = buffer[..n];
            for (var offset = 0; offset < n; offset += format.PayloadBytes)
            {
                var chunk = Math.Min(format.PayloadBytes, n - offset);
                format.WriteBody(body, id, offset, packet.Slice(offset, chunk), offset + chunk == n);
                SendCell(body, datagram, CellKind.Real);
            }

            Delays.Add(MonoClock.Now() - now);
            id++;
        }
    }

    private void Send()
    {
        // Real-time priority for the sender alone (pid 0: this thread): when a burst keeps the reader and the rest of
        // the machine busy, the cells must still leave on time, or the burst shows as a gap. Without the right to it,
        // the schedule still holds on average (absolute deadlines), only with more jitter.
        Native.SchedSetScheduler(0, Native.SchedFifo, 10);
        var body = new byte[format.BodyBytes];
        var datagram = new byte[format.DatagramBytes];
        ushort id = 0;
        var headOffset = 0;
        var decoyLeft = 0; // bytes of the decoy packet being sent, 0 when none
        var decoyFirst = false;
        uint decoyRequest = 0;
        var next = MonoClock.Now();
        while (!stopping)
        {
            MonoClock.SleepUntil(next);
            var now = MonoClock.Now();
            var real = queue.TryPeek(out var packet, out var arrival);
            if (decoyLeft == 0 && headOffset == 0 && TryTakeDecoy(real ? arrival : long.MaxValue, out var length, out decoyRequest))
            {
                // A decoy older than the oldest real packet goes first, whole, as in the simulation's one queue.
                decoyLeft = length;
                decoyFirst = true;
            }

            if (decoyLeft > 0)
            {
                format.WriteDecoy(body, decoyFirst ? decoyRequest : 0);
                decoyFirst = false;
                decoyLeft = Math.Max(0, decoyLeft - format.PayloadBytes);
                SendCell(body, datagram, CellKind.Decoy);
            }
            else if (real)
            {
                var chunk = Math.Min(format.PayloadBytes, packet.Length - headOffset);
                var last = headOffset + chunk == packet.Length;
                format.WriteBody(body, id, headOffset, packet.Slice(headOffset, chunk), last);
                if (last)
                {
                    Delays.Add(now - arrival);
                    queue.Dequeue();
                    headOffset = 0;
                    id++;
                }
                else
                {
                    headOffset += chunk;
                }

                SendCell(body, datagram, CellKind.Real);
            }
            else
            {
                format.WriteBody(body, 0, 0, default, last: false);
                SendCell(body, datagram, CellKind.Cover);
            }

            next += schedule!.NextInterval(next);
            if (now - next > 1_000_000_000L)
            {
                // Suspended for over a second (a stopped VM): resume the schedule instead of sending the backlog at once.
                next = now;
            }
        }
    }

    private void SendCell(ReadOnlySpan<byte> body, Span<byte> datagram, CellKind kind)
    {
        // Unpadded with decoys, the TUN reader and the decoy thread both send: one at a time (the nonce counter).
        lock (sendGate)
        {
            cipher.Seal(body, datagram);
            var to = Volatile.Read(ref peer);
            if (to is null)
            {
                Interlocked.Increment(ref sendErrors);
                return;
            }

            try
            {
                socket.SendTo(datagram, SocketFlags.None, to);
                switch (kind)
                {
                    case CellKind.Real:
                        Interlocked.Increment(ref realCells);
                        break;
                    case CellKind.Cover:
                        Interlocked.Increment(ref coverCells);
                        break;
                    default:
                        Interlocked.Increment(ref decoyCells);
                        break;
                }
            }
            catch (SocketException)
            {
                // The endpoint unreachable (an ICMP error came back) or no route: the schedule goes on regardless.
                Interlocked.Increment(ref sendErrors);
            }
        }
    }

    // The injector's thread: a decoy packet of `length` IP bytes, its first cell asking for `request` bytes back.
    private void EmitDecoy(int length, uint request)
    {
        if (schedule is not null)
        {
            lock (decoyGate)
            {
                if (decoys.Count >= options.QueuePackets)
                {
                    Interlocked.Increment(ref decoyDrops);
                    return;
                }

                decoys.Enqueue((length, request, MonoClock.Now()));
            }

            return;
        }

        // Unpadded: its cells leave at once, as a real packet's would.
        var body = decoyBody ??= new byte[format.BodyBytes];
        var datagram = decoyDatagram ??= new byte[format.DatagramBytes];
        for (var i = format.CellsFor(length); i > 0; i--)
        {
            format.WriteDecoy(body, i == format.CellsFor(length) ? request : 0);
            SendCell(body, datagram, CellKind.Decoy);
        }
    }

    private bool TryTakeDecoy(long olderThan, out int length, out uint request)
    {
        lock (decoyGate)
        {
            if (decoys.TryPeek(out var d) && d.Arrival <= olderThan)
            {
                decoys.Dequeue();
                (length, request) = (d.Length, d.Request);
                return true;
            }
        }

        (length, request) = (0, 0);
        return false;
    }

    private void Receive()
    {
        var datagram = new byte[format.DatagramBytes + 1];
        var body = new byte[format.BodyBytes];
        var from = new SocketAddress(options.Listen.AddressFamily);
        while (!stopping)
        {
            int n;
            try
            {
                n = socket.ReceiveFrom(datagram, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                // A timeout (to look at the stop flag) or an ICMP error reported on the socket.
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (n != format.DatagramBytes || !cipher.Open(datagram.AsSpan(0, n), body))
            {
                Interlocked.Increment(ref rejected);
                continue;
            }

            Interlocked.Increment(ref cellsIn);
            if (options.Role == CellRole.Endpoint && (Volatile.Read(ref peer) is not { } p || !p.Equals(from)))
            {
                // The gateway's address (behind the ISP's NAT it may change): taken only from an authentic cell.
                var copy = new SocketAddress(from.Family, from.Size);
                from.Buffer.CopyTo(copy.Buffer);
                Volatile.Write(ref peer, copy);
            }

            if (!format.TryReadBody(body, out var id, out var offset, out var length, out var last))
            {
                Interlocked.Increment(ref rejected);
                continue;
            }

            if (CellFormat.IsDecoy(body, out var asked))
            {
                Interlocked.Increment(ref decoyCellsIn);
                if (options.Role == CellRole.Endpoint)
                {
                    injector?.Request(asked);
                }

                continue;
            }

            if (length == 0)
            {
                continue;
            }

            var whole = reassembler.Add(id, offset, body.AsSpan(CellFormat.HeaderBytes, length), last);
            if (whole > 0 && tun.Write(reassembler.Packet(whole)))
            {
                Interlocked.Increment(ref packetsOut);
            }
        }
    }

    private enum CellKind
    {
        Real,
        Cover,
        Decoy,
    }
}
