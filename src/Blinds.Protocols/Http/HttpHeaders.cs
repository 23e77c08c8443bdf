namespace Blinds.Protocols.Http;

/// <summary>Shared line and header scanning for HTTP/1.x-shaped text (HTTP requests and SSDP).</summary>
internal static class HttpHeaders
{
    /// <summary>
    /// Returns the CRLF- or LF-terminated line starting at <paramref name="pos"/> and moves past it; false at the end
    /// or at an unterminated line. Index-based so the line's lifetime is the message's.
    /// </summary>
    public static bool NextLine(ReadOnlySpan<byte> message, scoped ref int pos, out ReadOnlySpan<byte> line)
    {
        var rest = message[pos..];
        var i = rest.IndexOf((byte)'\n');
        if (i < 0)
        {
            line = default;
            return false;
        }

        line = i > 0 && rest[i - 1] == '\r' ? message.Slice(pos, i - 1) : message.Slice(pos, i);
        pos += i + 1;
        return true;
    }

    /// <summary>Splits "Name: value" with the value trimmed; false for lines with no colon.</summary>
    public static bool Split(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var c = line.IndexOf((byte)':');
        if (c <= 0)
        {
            name = value = default;
            return false;
        }

        name = line[..c].Trim((byte)' ');
        value = line[(c + 1)..].Trim(" \t"u8);
        return true;
    }

    /// <summary>ASCII case-insensitive equality against a lower-case literal.</summary>
    public static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> lower)
    {
        if (name.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            if ((name[i] | 0x20) != lower[i] && name[i] != lower[i])
            {
                return false;
            }
        }

        return true;
    }
}
