using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;

namespace Blinds.Protocols.Addressing;

/// <summary>
/// An IPv4 or IPv6 address as two 64-bit halves (IPv4 as ::ffff:a.b.c.d). A value type, unlike
/// <see cref="System.Net.IPAddress"/>, so flow keys and maps hold addresses without allocating.
/// </summary>
public readonly record struct IpAddress(ulong High, ulong Low) : IComparable<IpAddress>
{
    /// <summary>Field-wise equality (the compiler's version goes through generic comparers per field).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(IpAddress other) => Low == other.Low && High == other.High;

    /// <summary>Hash of both halves.</summary>
    public override int GetHashCode() => (int)((Low * 0x9E3779B97F4A7C15UL) ^ High ^ (Low >> 32));

    private const ulong V4Prefix = 0x0000_ffff_0000_0000UL;

    /// <summary>True for IPv4 (mapped) addresses.</summary>
    public bool IsV4
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => High == 0 && (Low & 0xffff_ffff_0000_0000UL) == V4Prefix;
    }

    /// <summary>The IPv4 address as a number; meaningful only when <see cref="IsV4"/>.</summary>
    public uint V4 => (uint)Low;

    /// <summary>From an IPv4 number.</summary>
    public static IpAddress FromV4(uint v4) => new(0, V4Prefix | v4);

    /// <summary>Reads four bytes in network order.</summary>
    public static IpAddress ReadV4(ReadOnlySpan<byte> s) => FromV4(BinaryPrimitives.ReadUInt32BigEndian(s));

    /// <summary>Reads sixteen bytes in network order.</summary>
    public static IpAddress ReadV6(ReadOnlySpan<byte> s) => new(BinaryPrimitives.ReadUInt64BigEndian(s), BinaryPrimitives.ReadUInt64BigEndian(s[8..]));

    /// <summary>Writes 4 (IPv4) or 16 bytes; returns the count.</summary>
    public int Write(Span<byte> s)
    {
        if (IsV4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, V4);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(s, High);
        BinaryPrimitives.WriteUInt64BigEndian(s[8..], Low);
        return 16;
    }

    /// <summary>
    /// True for addresses that stay inside a home: RFC 1918, loopback, link-local, multicast, broadcast, unspecified,
    /// IPv6 unique-local. Everything else is remote. (CGNAT 100.64/10 counts as remote: it is the ISP's side.)
    /// </summary>
    public bool IsLocal
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (IsV4)
            {
                var a = V4;
                return (a >> 24) == 10
                    || (a >> 20) == 0xac1
                    || (a >> 16) == 0xc0a8
                    || (a >> 24) == 127
                    || (a >> 16) == 0xa9fe
                    || (a >> 28) == 0xe
                    || a == 0xffff_ffff
                    || a == 0;
            }

            var top = High >> 48;
            return (top & 0xfe00) == 0xfc00
                || (top & 0xffc0) == 0xfe80
                || (top & 0xff00) == 0xff00
                || (High == 0 && Low <= 1);
        }
    }

    /// <summary>True for multicast and IPv4 broadcast.</summary>
    public bool IsGroup
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => IsV4 ? (V4 >> 28) == 0xe || V4 == 0xffff_ffff : (High >> 56) == 0xff;
    }

    /// <summary>Parses dotted IPv4 or IPv6 text.</summary>
    public static bool TryParse(string? text, out IpAddress address)
    {
        address = default;
        if (!IPAddress.TryParse(text, out var ip))
        {
            return false;
        }

        Span<byte> b = stackalloc byte[16];
        ip.TryWriteBytes(b, out var n);
        address = n == 4 ? ReadV4(b) : ReadV6(b);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(IpAddress other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>Dotted IPv4 or RFC 5952 IPv6 text.</summary>
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[16];
        var n = Write(b);
        return new IPAddress(b[..n]).ToString();
    }

    /// <summary>Compares numerically.</summary>
    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    /// <summary>Compares numerically.</summary>
    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;
}
