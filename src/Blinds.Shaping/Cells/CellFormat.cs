using System.Buffers.Binary;

namespace Blinds.Shaping.Cells;

/// <summary>
/// One cell on the wire, all of them exactly <see cref="CellBytes"/> long as IP packets: IPv4 (20) + UDP (8) +
/// counter (8, the nonce) + sealed body + tag (16). The body: packet id (2), fragment offset (2), fragment length (2,
/// 0 for cover), flags (1: bit 0 = last fragment, bit 1 = decoy), version (1), then the fragment and zero padding. A
/// decoy cell carries no packet: its first 4 bytes ask the far end to send that many decoy bytes back over the next
/// second (0: nothing). The observer sees only the size, which never changes, and the send time.
/// </summary>
public sealed class CellFormat
{
    /// <summary>IPv4 and UDP headers.</summary>
    public const int IpUdpBytes = 28;

    /// <summary>The counter before the sealed body (also the nonce, so it is authenticated).</summary>
    public const int CounterBytes = 8;

    /// <summary>ChaCha20-Poly1305's tag.</summary>
    public const int TagBytes = 16;

    /// <summary>The body's own header.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Everything in a cell that is not packet data.</summary>
    public const int OverheadBytes = IpUdpBytes + CounterBytes + TagBytes + HeaderBytes;

    /// <summary>The body's version byte.</summary>
    public const byte Version = 1;

    /// <summary>Flag: this fragment ends its packet.</summary>
    public const byte LastFlag = 1;

    /// <summary>Flag: a decoy cell (cover shaped like a device's activity), never written to the TUN device.</summary>
    public const byte DecoyFlag = 2;

    /// <summary>The most decoy bytes one cell may ask the far end for (a second of a busy camera is far less).</summary>
    public const uint MaxDecoyRequest = 64 << 20;

    /// <summary>Cells of <paramref name="cellBytes"/> (IP packet length on the wire).</summary>
    public CellFormat(int cellBytes)
    {
        if (cellBytes <= OverheadBytes || cellBytes > 65_535)
        {
            throw new ShapingException($"--cell: {cellBytes} bytes is {(cellBytes <= OverheadBytes ? $"not more than a cell's own headers ({OverheadBytes} bytes: IP, UDP, counter, tag, fragment header)" : "more than an IP packet")}");
        }

        CellBytes = cellBytes;
    }

    /// <summary>IP length of every cell.</summary>
    public int CellBytes { get; }

    /// <summary>UDP payload of every cell.</summary>
    public int DatagramBytes => CellBytes - IpUdpBytes;

    /// <summary>The sealed body (header, data, padding).</summary>
    public int BodyBytes => DatagramBytes - CounterBytes - TagBytes;

    /// <summary>Packet bytes one cell carries.</summary>
    public int PayloadBytes => BodyBytes - HeaderBytes;

    /// <summary>Cells a packet of <paramref name="packetBytes"/> needs.</summary>
    public int CellsFor(int packetBytes) => Math.Max(1, (packetBytes + PayloadBytes - 1) / PayloadBytes);

    /// <summary>Writes a body carrying <paramref name="fragment"/> (empty: cover), zero-padded to <see cref="BodyBytes"/>.</summary>
    public void WriteBody(Span<byte> body, ushort packetId, int offset, ReadOnlySpan<byte> fragment, bool last)
    {
        BinaryPrimitives.WriteUInt16BigEndian(body, packetId);
        BinaryPrimitives.WriteUInt16BigEndian(body[2..], (ushort)offset);
        BinaryPrimitives.WriteUInt16BigEndian(body[4..], (ushort)fragment.Length);
        body[6] = last ? LastFlag : (byte)0;
        body[7] = Version;
        fragment.CopyTo(body[HeaderBytes..]);
        body[(HeaderBytes + fragment.Length)..BodyBytes].Clear();
    }

    /// <summary>Writes a decoy body asking the far end for <paramref name="downBytes"/> decoy bytes over the next second.</summary>
    public void WriteDecoy(Span<byte> body, uint downBytes)
    {
        body[..HeaderBytes].Clear();
        body[6] = DecoyFlag;
        body[7] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(body[HeaderBytes..], downBytes);
        body[(HeaderBytes + 4)..BodyBytes].Clear();
    }

    /// <summary>True when <paramref name="body"/> (already read by <see cref="TryReadBody"/>) is a decoy; <paramref name="downBytes"/> is what it asks for.</summary>
    public static bool IsDecoy(ReadOnlySpan<byte> body, out uint downBytes)
    {
        var decoy = (body[6] & DecoyFlag) != 0;
        downBytes = decoy ? Math.Min(MaxDecoyRequest, BinaryPrimitives.ReadUInt32BigEndian(body[HeaderBytes..])) : 0;
        return decoy;
    }

    /// <summary>Reads a body's header; false when it is not one (wrong version, a length past the body).</summary>
    public bool TryReadBody(ReadOnlySpan<byte> body, out ushort packetId, out int offset, out int length, out bool last)
    {
        packetId = BinaryPrimitives.ReadUInt16BigEndian(body);
        offset = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        length = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
        last = (body[6] & LastFlag) != 0;
        return body[7] == Version && length <= PayloadBytes && body.Length >= BodyBytes;
    }
}
