using System.Text.RegularExpressions;

namespace Blinds.Attacks.Leaks;

/// <summary>
/// Hides credentials that devices send in the clear (paper 003: a Hue bridge's API key in the URL) before anything
/// is written. On by default everywhere; only --show-secrets turns it off. Each pattern (user information in a URL,
/// key-like path segments, credential-named parameters in the path, query or fragment, the Authorization header) is
/// redacted on its own: finding one never stops the search for the others.
/// </summary>
public static partial class SecretRedactor
{
    // Every pattern runs without backtracking: targets are attacker-written and up to a packet long, and a
    // backtracking engine is quadratic on names like "&aaaa...".

    /// <summary>What replaces a secret.</summary>
    public const string Mask = "[redacted]";

    /// <summary>Keeps the scheme of an Authorization header ("Basic", "Bearer") and hides the credentials.</summary>
    public static string? Authorization(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Only a scheme-like first word (letters, digits, dashes) is kept: anything else may be the secret itself.
        var trimmed = value.TrimStart();
        var sp = trimmed.IndexOfAny([' ', '\t']);
        return sp > 0 && SchemeWord().IsMatch(trimmed[..sp]) ? $"{trimmed[..sp]} {Mask}" : Mask;
    }

    /// <summary>A Host header or URL authority with any user information (<c>user:password@</c>) hidden.</summary>
    public static string? Host(string? host)
    {
        if (host is null)
        {
            return null;
        }

        var at = host.LastIndexOf('@');
        return at >= 0 ? $"{Mask}@{host[(at + 1)..]}" : host;
    }

    /// <summary>
    /// A request target with its secrets hidden: user information of an absolute URL, key-like path segments, and
    /// the values of credential-named parameters (<c>;jsessionid=</c>, <c>?password=</c>, <c>#access_token=</c>)
    /// and key-like parameter values, wherever they are.
    /// </summary>
    public static string Target(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var s = UserInfo().Replace(target, m => $"{m.Groups[1].Value}{Mask}@");
        var q = s.IndexOfAny(['?', '#']);
        var path = q >= 0 ? s[..q] : s;
        var rest = q >= 0 ? s[q..] : string.Empty;
        path = KeyLikeSegment().Replace(path, m => LooksLikeKey(m.Value) ? Mask : m.Value);
        path = SecretPathParameter().Replace(path, m => $"{m.Groups[1].Value}={Mask}");
        rest = SecretParameter().Replace(rest, m => $"{m.Groups[1].Value}={Mask}");
        rest = ParameterValue().Replace(rest, m => LooksLikeKey(m.Groups[2].Value) ? $"{m.Groups[1].Value}={Mask}" : m.Value);
        return path + rest;
    }

    /// <summary>
    /// A path segment is a key when it is long and mixes letters and digits the way generated tokens do; words,
    /// version numbers and short ids stay readable.
    /// </summary>
    public static bool LooksLikeKey(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Length < 16)
        {
            return false;
        }

        var digits = segment.Count(char.IsAsciiDigit);
        var letters = segment.Count(char.IsAsciiLetter);
        return digits >= 3 && letters >= 3;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$", RegexOptions.NonBacktracking)]
    private static partial Regex SchemeWord();

    // scheme://user:password@host (the authority ends at the first '/', '?' or '#').
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", RegexOptions.NonBacktracking)]
    private static partial Regex UserInfo();

    [GeneratedRegex("[A-Za-z0-9_\\-]{16,}", RegexOptions.NonBacktracking)]
    private static partial Regex KeyLikeSegment();

    // A parameter whose name says credential, after any separator a query or fragment uses (?, &, ;, #).
    [GeneratedRegex("([?&;#](?:[A-Za-z0-9_.\\-]*(?:key|token|pass|passwd|password|pwd|secret|auth|sig|signature|session|sid|credential|otp|pin)[A-Za-z0-9_.\\-]*))=[^&;#]*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SecretParameter();

    // The same in the path (";jsessionid=", "/password=..."), where a '/' also ends the value.
    [GeneratedRegex("([;/](?:[A-Za-z0-9_.\\-]*(?:key|token|pass|passwd|password|pwd|secret|auth|sig|signature|session|sid|credential|otp|pin)[A-Za-z0-9_.\\-]*))=[^;/]*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex SecretPathParameter();

    [GeneratedRegex("([?&;#][^=&;#]*)=([^&;#]*)", RegexOptions.NonBacktracking)]
    private static partial Regex ParameterValue();
}
