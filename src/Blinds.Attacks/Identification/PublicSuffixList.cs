using System.IO.Compression;

namespace Blinds.Attacks.Identification;

/// <summary>
/// The ICANN section of the Public Suffix List (publicsuffix.org, MPL-2.0): which name endings anyone can register
/// under (com, co.uk, *.kobe.jp but not city.kobe.jp). Blinds ships a pinned copy (Data/PROVENANCE.md) so that
/// results do not change with the machine. The private section (cloudfront.net, github.io...) is left out on
/// purpose: a device talking to d1.cloudfront.net talks to Amazon's CDN, and the shared-infrastructure list must
/// see cloudfront.net, not a per-customer name.
/// </summary>
public sealed class PublicSuffixList
{
    private readonly HashSet<string> rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> exceptions = new(StringComparer.Ordinal);

    private PublicSuffixList()
    {
    }

    /// <summary>The shipped list, loaded once.</summary>
    public static PublicSuffixList Shipped { get; } = LoadShipped();

    /// <summary>Rules loaded (plain, wildcard and exception).</summary>
    public int Count => rules.Count + wildcards.Count + exceptions.Count;

    /// <summary>Reads the list's text format; only the ICANN section unless <paramref name="includePrivate"/>.</summary>
    public static PublicSuffixList Parse(TextReader text, bool includePrivate = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new PublicSuffixList();
        var inPrivate = false;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            var rule = line.Trim();
            if (rule.StartsWith("//", StringComparison.Ordinal))
            {
                if (rule.Contains("===BEGIN PRIVATE DOMAINS===", StringComparison.Ordinal))
                {
                    inPrivate = true;
                }

                continue;
            }

            var space = rule.IndexOfAny([' ', '\t']);
            if (space >= 0)
            {
                rule = rule[..space];
            }

            if (rule.Length == 0 || (inPrivate && !includePrivate))
            {
                continue;
            }

            rule = rule.ToLowerInvariant();
            if (rule.StartsWith('!'))
            {
                list.exceptions.Add(rule[1..]);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                list.wildcards.Add(rule[2..]);
            }
            else
            {
                list.rules.Add(rule);
            }
        }

        return list;
    }

    /// <summary>
    /// The registrable domain of <paramref name="name"/> (lower case, no trailing dot): its public suffix plus one
    /// label; null when the name is itself a public suffix. An unknown top-level domain counts as a suffix of one
    /// label (the list's default rule "*").
    /// </summary>
    public string? RegistrableDomain(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.TrimEnd('.').ToLowerInvariant();
        if (n.Length == 0)
        {
            return null;
        }

        // Walk the name's suffixes from the longest; the first (longest) match decides.
        var suffixStart = -1;
        for (var start = 0; start >= 0; start = NextLabel(n, start))
        {
            var candidate = n[start..];
            if (exceptions.Contains(candidate))
            {
                suffixStart = NextLabel(n, start); // an exception's suffix is the rule minus its first label
                break;
            }

            if (rules.Contains(candidate))
            {
                suffixStart = start;
                break;
            }

            var parent = NextLabel(n, start);
            if (parent >= 0 && wildcards.Contains(n[parent..]))
            {
                suffixStart = start;
                break;
            }
        }

        if (suffixStart < 0)
        {
            suffixStart = n.LastIndexOf('.') + 1; // default rule "*": the last label
        }

        if (suffixStart == 0)
        {
            return null; // the name is a public suffix
        }

        var registrable = n.LastIndexOf('.', suffixStart - 2) + 1;
        return n[registrable..];
    }

    private static int NextLabel(string n, int start)
    {
        var dot = n.IndexOf('.', start);
        return dot < 0 ? -1 : dot + 1;
    }

    private static PublicSuffixList LoadShipped()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("Blinds.public_suffix_list.dat.gz")
            ?? throw new InvalidOperationException("the shipped Public Suffix List is missing from Blinds.Attacks");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        return Parse(text);
    }
}
