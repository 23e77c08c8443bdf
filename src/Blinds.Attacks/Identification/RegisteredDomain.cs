namespace Blinds.Attacks.Identification;

/// <summary>
/// The registered domain of a host name ("p2p.amcrestcloud.com" → "amcrestcloud.com", "www.bbc.co.uk" →
/// "bbc.co.uk") by the Public Suffix List's ICANN rules (<see cref="PublicSuffixList"/>); none for .local and .arpa
/// names. What matching a maker's servers wants; the shared-infrastructure list keeps clouds from matching.
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

    /// <summary>The registered domain, or null for names that are a public suffix themselves, .local or .arpa.</summary>
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
        if (tld.Equals("local", StringComparison.OrdinalIgnoreCase) || tld.Equals("arpa", StringComparison.OrdinalIgnoreCase))
        {
            return null; // mDNS and reverse names: no maker behind them
        }

        return PublicSuffixList.Shipped.RegistrableDomain(n);
    }

    /// <summary>True for domains of shared infrastructure (clouds, CDNs, NTP pools, reverse DNS, mDNS).</summary>
    public static bool IsShared(string registeredDomain) => Shared.Contains(registeredDomain);
}
