using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;

namespace Blinds.Protocols.Http;

/// <summary>
/// The head of an HTTP/1.x request found at the start of a TCP payload on any port: method, target, Host,
/// User-Agent, and whether credentials travel in the clear (Authorization header). Spans point into the packet.
/// </summary>
public readonly ref struct HttpRequest
{
    /// <summary>GET, POST, ...</summary>
    public ReadOnlySpan<byte> Method { get; init; }
    /// <summary>The request target (path and query).</summary>
    public ReadOnlySpan<byte> Target { get; init; }
    /// <summary>HTTP/1.0 or HTTP/1.1.</summary>
    public ReadOnlySpan<byte> Version { get; init; }
    /// <summary>Host header.</summary>
    public ReadOnlySpan<byte> Host { get; init; }
    /// <summary>User-Agent header.</summary>
    public ReadOnlySpan<byte> UserAgent { get; init; }
    /// <summary>The Authorization header's value (secret: report only that it is present, or redacted).</summary>
    public ReadOnlySpan<byte> Authorization { get; init; }
    /// <summary>True when an Authorization header is present.</summary>
    public bool HasAuthorization => !Authorization.IsEmpty;

    private static ReadOnlySpan<byte> Methods => "GET POST PUT DELETE HEAD OPTIONS PATCH CONNECT TRACE NOTIFY SUBSCRIBE UNSUBSCRIBE "u8;

    /// <summary>Quick check of the first bytes, so non-HTTP payloads cost a few comparisons.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LooksLikeRequest(ReadOnlySpan<byte> p) =>
        p.Length >= 4 && p[0] is >= (byte)'A' and <= (byte)'Z' && p[1] is >= (byte)'A' and <= (byte)'Z' && p[2] is >= (byte)'A' and <= (byte)'Z';

    /// <summary>Parses a request head; false when the payload is not an HTTP/1.x request.</summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out HttpRequest request, AnomalyLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        request = default;
        if (!LooksLikeRequest(p))
        {
            return false;
        }

        var sp = p[..Math.Min(p.Length, 12)].IndexOf((byte)' ');
        if (sp < 3 || !IsMethod(p[..sp]))
        {
            return false;
        }

        var pos = 0;
        if (!HttpHeaders.NextLine(p, ref pos, out var requestLine))
        {
            // A request line cut by the snap length still names method and target.
            requestLine = p;
            pos = p.Length;
        }

        var method = requestLine[..sp];
        var afterMethod = requestLine[(sp + 1)..];
        var sp2 = afterMethod.LastIndexOf((byte)' ');
        ReadOnlySpan<byte> target, version;
        if (sp2 > 0 && afterMethod[(sp2 + 1)..].StartsWith("HTTP/1."u8))
        {
            target = afterMethod[..sp2];
            version = afterMethod[(sp2 + 1)..];
        }
        else if (pos == p.Length)
        {
            target = afterMethod;
            version = default;
        }
        else
        {
            log.Add(ProtocolAnomalies.BadHttp);
            return false;
        }

        ReadOnlySpan<byte> host = default, agent = default, auth = default;
        while (HttpHeaders.NextLine(p, ref pos, out var line) && !line.IsEmpty)
        {
            if (!HttpHeaders.Split(line, out var name, out var value))
            {
                continue;
            }

            if (HttpHeaders.Is(name, "host"u8))
            {
                host = value;
            }
            else if (HttpHeaders.Is(name, "user-agent"u8))
            {
                agent = value;
            }
            else if (HttpHeaders.Is(name, "authorization"u8) || HttpHeaders.Is(name, "proxy-authorization"u8))
            {
                auth = value;
            }
        }

        request = new HttpRequest { Method = method, Target = target, Version = version, Host = host, UserAgent = agent, Authorization = auth };
        return true;
    }

    private static bool IsMethod(ReadOnlySpan<byte> token)
    {
        var i = Methods.IndexOf(token);
        return i >= 0 && (i == 0 || Methods[i - 1] == ' ') && Methods[i + token.Length] == ' ';
    }
}
