using System.Buffers.Binary;

using NSec.Cryptography;

namespace Blinds.Shaping.Cells;

/// <summary>
/// Seals and opens cell bodies with ChaCha20-Poly1305 (libsodium through NSec) under a pre-shared 32-byte key. The
/// nonce is a direction tag and a 64-bit counter that starts at the wall clock in nanoseconds, so that a restarted
/// side never reuses a nonce; the receiver keeps a 64-cell replay window.
/// </summary>
public sealed class CellCipher : IDisposable
{
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.ChaCha20Poly1305;
    private readonly Key key;
    private readonly uint sendTag;
    private readonly uint receiveTag;
    private readonly byte[] nonce = new byte[12];
    private readonly byte[] openNonce = new byte[12];
    private ulong counter;
    private ulong highest;
    private ulong window;

    /// <summary>A cipher for the gateway (<paramref name="gateway"/> true: it sends "up" cells) or the endpoint.</summary>
    public CellCipher(ReadOnlySpan<byte> rawKey, bool gateway)
    {
        if (rawKey.Length != 32)
        {
            throw new ShapingException($"the key must be 32 bytes, not {rawKey.Length} (make one with: head -c 32 /dev/urandom > key)");
        }

        key = Key.Import(Aead, rawKey, KeyBlobFormat.RawSymmetricKey);
        sendTag = gateway ? 0x55500000u : 0x444e0000u;
        receiveTag = gateway ? 0x444e0000u : 0x55500000u;
        counter = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    }

    /// <summary>Seals <paramref name="body"/> into <paramref name="datagram"/> (counter, ciphertext, tag).</summary>
    public void Seal(ReadOnlySpan<byte> body, Span<byte> datagram)
    {
        var c = ++counter;
        BinaryPrimitives.WriteUInt64BigEndian(datagram, c);
        BinaryPrimitives.WriteUInt32BigEndian(nonce, sendTag);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), c);
        Aead.Encrypt(key, nonce, default, body, datagram.Slice(CellFormat.CounterBytes, body.Length + CellFormat.TagBytes));
    }

    /// <summary>Opens a datagram into <paramref name="body"/>; false when it is forged, damaged or replayed.</summary>
    public bool Open(ReadOnlySpan<byte> datagram, Span<byte> body)
    {
        if (datagram.Length != CellFormat.CounterBytes + body.Length + CellFormat.TagBytes)
        {
            return false;
        }

        var c = BinaryPrimitives.ReadUInt64BigEndian(datagram);
        if (c + 64 <= highest || (c <= highest && ((window >> (int)(highest - c)) & 1) != 0))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(openNonce, receiveTag);
        BinaryPrimitives.WriteUInt64BigEndian(openNonce.AsSpan(4), c);
        if (!Aead.Decrypt(key, openNonce, default, datagram[CellFormat.CounterBytes..], body))
        {
            return false;
        }

        // Only authentic cells move the window, so forged counters cannot push real cells out of it.
        if (c > highest)
        {
            window = c - highest >= 64 ? 1 : (window << (int)(c - highest)) | 1;
            highest = c;
        }
        else
        {
            window |= 1UL << (int)(highest - c);
        }

        return true;
    }

    /// <summary>Forgets the key.</summary>
    public void Dispose() => key.Dispose();
}
