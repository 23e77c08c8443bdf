namespace Blinds.Attacks.Identification;

/// <summary>
/// The registered domain of a host name ("p2p.amcrestcloud.com" → "amcrestcloud.com") by a small rule instead of
/// the public suffix list: two labels, three under a two-letter country code with a short second level (co.uk,
/// com.au); none for .local and .arpa names. Good enough for matching a maker's servers; the shared-infrastructure list keeps clouds from matching.
/// </summary>
public static class RegisteredDomain
{
    // Domains many unrelated makers' devices use: a match there says nothing about the device.
    private static readonly HashSet<string> Shared = new(StringComparer.Ordinal)
    {
        "amazonaws.com", "cloudfront.net", "akamaiedge.net", "akamai.net", "akamaitechnologies.com", "akadns.net",
        "googleapis.com", "google.com", "gstatic.com", "1e100.net", "azure.com", "cloudapp.net", "azurewebsites.net",
        "ntp.org", "nist.gov", "windows.com", "microsoft.com",
        "example.com", "example.net", "example.org", "fastly.net", "edgekey.net", "edgesuite.net",
    };

    // Services that devices of every maker ask by the same names (time, connectivity checks): such a name says
    // almost nothing about which device asked, whatever a signature set's frequencies say.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "ntp.org", "nist.gov", "example.com", "example.net", "example.org", "google.com", "gstatic.com", "1e100.net",
        "windows.com", "microsoft.com", "msftconnecttest.com", "cloudflare.com",
    };

    /// <summary>True for names of services every maker's devices ask alike: NTP pools, NIST time, example.com, connectivity checks.</summary>
    public static bool IsGeneric(string name) => Of(name) is { } r && Generic.Contains(r);

    /// <summary>The registered domain, or null for names with fewer than two labels.</summary>
    public static string? Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.TrimEnd('.');
        var last = n.LastIndexOf('.');
        if (last <= 0)
        {
            return null;
        }

        var tld = n[(last + 1)..];
        if (tld is "local" or "arpa")
        {
            return null; // mDNS and reverse names: no maker behind them
        }

        var second = n.LastIndexOf('.', last - 1);
        var sld = n[(second + 1)..last];
        if (tld.Length == 2 && sld.Length <= 3 && second > 0)
        {
            var third = n.LastIndexOf('.', second - 1);
            return n[(third + 1)..];
        }

        return n[(second + 1)..];
    }

    /// <summary>True for domains of shared infrastructure (clouds, CDNs, NTP pools, reverse DNS, mDNS).</summary>
    public static bool IsShared(string registeredDomain) => Shared.Contains(registeredDomain);
}
