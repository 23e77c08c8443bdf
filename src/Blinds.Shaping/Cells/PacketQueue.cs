namespace Blinds.Shaping.Cells;

/// <summary>
/// The bounded queue between the TUN reader and the cell sender: a ring of buffers allocated once, so a packet is
/// read straight into its slot and sent from it; beyond <see cref="MaxPackets"/> or <see cref="MaxBytes"/> a packet
/// is dropped and counted (as the simulation's queue does). One reader thread, one sender thread.
/// </summary>
public sealed class PacketQueue
{
    private readonly byte[][] buffers;
    private readonly int[] lengths;
    private readonly long[] arrivals;
    private readonly Lock gate = new();
    private int head;
    private int count;
    private long bytes;

    /// <summary>A queue of up to <paramref name="maxPackets"/> packets of up to <paramref name="maxPacketBytes"/>, and <paramref name="maxBytes"/> in all.</summary>
    public PacketQueue(int maxPackets, int maxPacketBytes, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPackets);
        MaxPackets = maxPackets;
        MaxBytes = maxBytes;
        buffers = new byte[maxPackets + 1][];
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = new byte[maxPacketBytes];
        }

        lengths = new int[buffers.Length];
        arrivals = new long[buffers.Length];
    }

    /// <summary>Most packets waiting.</summary>
    public int MaxPackets { get; }

    /// <summary>Most bytes waiting.</summary>
    public long MaxBytes { get; }

    /// <summary>Packets waiting.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Bytes waiting.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Packets dropped because the queue was full.</summary>
    public long Drops { get; private set; }

    /// <summary>
    /// The buffer the next packet is read into: the free slot past the tail (there is always one, the ring has a
    /// spare), so reading never waits for the sender and never allocates.
    /// </summary>
    public Span<byte> WriteBuffer()
    {
        lock (gate)
        {
            return buffers[(head + count) % buffers.Length];
        }
    }

    /// <summary>Queues the packet just read into <see cref="WriteBuffer"/>; false (and counted) when it does not fit.</summary>
    public bool Commit(int length, long arrivalNs)
    {
        lock (gate)
        {
            if (count >= MaxPackets || bytes + length > MaxBytes)
            {
                Drops++;
                return false;
            }

            var i = (head + count) % buffers.Length;
            lengths[i] = length;
            arrivals[i] = arrivalNs;
            count++;
            bytes += length;
            return true;
        }
    }

    /// <summary>The oldest packet (its buffer stays valid until <see cref="Dequeue"/>).</summary>
    public bool TryPeek(out ReadOnlySpan<byte> packet, out long arrivalNs)
    {
        lock (gate)
        {
            if (count == 0)
            {
                packet = default;
                arrivalNs = 0;
                return false;
            }

            packet = buffers[head].AsSpan(0, lengths[head]);
            arrivalNs = arrivals[head];
            return true;
        }
    }

    /// <summary>Removes the oldest packet.</summary>
    public void Dequeue()
    {
        lock (gate)
        {
            if (count > 0)
            {
                bytes -= lengths[head];
                head = (head + 1) % buffers.Length;
                count--;
            }
        }
    }
}
