using System.Text.RegularExpressions;

namespace Blinds.Attacks.Leaks;

/// <summary>
/// Hides credentials that devices send in the clear (paper 003: a Hue bridge's API key in the URL) before anything
/// is written. On by default everywhere; only --show-secrets turns it off.
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "[redacted]";

    /// <summary>Keeps the scheme of an Authorization header ("Basic", "Bearer") and hides the credentials.</summary>
    public static string? Authorization(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var sp = value.IndexOf(' ', StringComparison.Ordinal);
        return sp > 0 ? $"{value[..sp]} {Mask}" : Mask;
    }

    /// <summary>Hides key-like path segments and the values of credential-named query parameters.</summary>
    public static string Target(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var path = q >= 0 ? target[..q] : target;
        var query = q >= 0 ? target[q..] : string.Empty;
        path = KeyLikeSegment().Replace(path, m => LooksLikeKey(m.Value) ? Mask : m.Value);
        query = SecretParameter().Replace(query, m => $"{m.Groups[1].Value}={Mask}");
        return path + query;
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

    [GeneratedRegex("[A-Za-z0-9_\\-]{16,}")]
    private static partial Regex KeyLikeSegment();

    [GeneratedRegex("([?&](?:[A-Za-z_]*(?:key|token|pass|passwd|password|pwd|secret|auth|sig|signature|session|sid)[A-Za-z_]*))=[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
