using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Blinds.Protocols.Addressing;

/// <summary>A 48-bit MAC address held in the low bits of a <see cref="ulong"/>, so that it hashes and compares as a number.</summary>
public readonly record struct MacAddress(ulong Value) : IComparable<MacAddress>
{
    /// <summary>Numeric equality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(MacAddress other) => Value == other.Value;

    /// <summary>Hash of the 48 bits.</summary>
    public override int GetHashCode() => (int)(Value ^ (Value >> 29));

    /// <summary>The all-ones broadcast address.</summary>
    public static MacAddress Broadcast => new(0xffff_ffff_ffffUL);

    /// <summary>Reads six bytes in network order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MacAddress Read(ReadOnlySpan<byte> s) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(s) << 32) | BinaryPrimitives.ReadUInt32BigEndian(s[2..]));

    /// <summary>The I/G bit: group (multicast or broadcast) address.</summary>
    public bool IsGroup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ((Value >> 40) & 1) != 0;
    }

    /// <summary>The U/L bit: locally administered (randomised MACs set it).</summary>
    public bool IsLocallyAdministered => ((Value >> 40) & 2) != 0;

    /// <summary>The first three bytes (the MA-L / OUI prefix).</summary>
    public uint Oui => (uint)(Value >> 24);

    /// <summary>Writes six bytes in network order.</summary>
    public void Write(Span<byte> s)
    {
        BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(s[2..], (uint)Value);
    }

    /// <summary>Parses aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff or 12 hex digits; also tolerates dropped leading zeros (f8:da:c:7b:a:8f).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac)
    {
        mac = default;
        text = text.Trim();
        ulong v = 0;
        var parts = 0;
        if (text.Length == 12 && ulong.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out v))
        {
            mac = new MacAddress(v);
            return true;
        }

        foreach (var range in text.SplitAny(":-"))
        {
            var part = text[range];
            if (part.Length is < 1 or > 2 || !byte.TryParse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b) || ++parts > 6)
            {
                return false;
            }

            v = (v << 8) | b;
        }

        if (parts != 6)
        {
            return false;
        }

        mac = new MacAddress(v);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var m) ? m : throw new FormatException($"'{text}' is not a MAC address");

    /// <inheritdoc/>
    public int CompareTo(MacAddress other) => Value.CompareTo(other.Value);

    /// <summary>Lower-case colon form.</summary>
    public override string ToString() => string.Create(17, Value, static (span, v) =>
    {
        const string hex = "0123456789abcdef";
        for (var i = 0; i < 6; i++)
        {
            var b = (int)(v >> (40 - (8 * i))) & 0xff;
            span[i * 3] = hex[b >> 4];
            span[(i * 3) + 1] = hex[b & 15];
            if (i < 5)
            {
                span[(i * 3) + 2] = ':';
            }
        }
    });

    /// <summary>Compares numerically.</summary>
    public static bool operator <(MacAddress left, MacAddress right) => left.CompareTo(right) < 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator <=(MacAddress left, MacAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator >(MacAddress left, MacAddress right) => left.CompareTo(right) > 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator >=(MacAddress left, MacAddress right) => left.CompareTo(right) >= 0;
}
