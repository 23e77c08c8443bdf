namespace Blinds.Shaping.Cells;

/// <summary>
/// Puts fragments back together. Cells of one direction carry one packet at a time in order, so one buffer is
/// enough: a fragment that does not continue the packet being built (a lost or reordered cell) abandons it, counted.
/// </summary>
public sealed class Reassembler(int maxPacketBytes)
{
    private readonly byte[] buffer = new byte[maxPacketBytes];
    private int filled = -1;
    private ushort id;

    /// <summary>Partly built packets abandoned.</summary>
    public long Abandoned { get; private set; }

    /// <summary>Adds a fragment; returns the whole packet's length when it is complete (its bytes in <see cref="Packet"/>), else 0.</summary>
    public int Add(ushort packetId, int offset, ReadOnlySpan<byte> fragment, bool last)
    {
        if (offset == 0)
        {
            if (filled > 0)
            {
                Abandoned++;
            }

            filled = 0;
            id = packetId;
        }
        else if (filled != offset || id != packetId)
        {
            if (filled > 0)
            {
                Abandoned++;
            }

            filled = -1;
            return 0;
        }

        if (offset + fragment.Length > buffer.Length)
        {
            Abandoned++;
            filled = -1;
            return 0;
        }

        fragment.CopyTo(buffer.AsSpan(offset));
        filled = offset + fragment.Length;
        if (!last)
        {
            return 0;
        }

        var n = filled;
        filled = -1;
        return n;
    }

    /// <summary>The packet completed by the last <see cref="Add"/>.</summary>
    public ReadOnlySpan<byte> Packet(int length) => buffer.AsSpan(0, length);
}
