using System.Text;

namespace Blinds.Traffic;

/// <summary>
/// Interns names decoded from packets (DNS names, SNIs, host names): a name seen a million times is one string,
/// and looking it up from its bytes allocates nothing after the first time.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    // Distinct names are few in real homes; the cap only matters for hostile captures (random names per packet).
    private const int MaxNames = 200_000;

    public NameTable() => lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => names.Count;

    /// <summary>The string for ASCII/UTF-8 bytes; non-ASCII bytes are kept as Latin-1 so that any input maps to something.</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 1024)
        {
            bytes = bytes[..1024];
        }

        Span<char> chars = stackalloc char[bytes.Length];
        var n = Encoding.Latin1.GetChars(bytes, chars);
        if (lookup.TryGetValue(chars[..n], out var s))
        {
            return s;
        }

        s = new string(chars[..n]);
        if (names.Count < MaxNames)
        {
            names[s] = s;
        }

        return s;
    }
}
