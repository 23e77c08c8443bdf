using Blinds.Traffic;
using Blinds.Traffic.Devices;

namespace Blinds.Attacks.Leaks;

/// <summary>
/// What anyone on the home LAN reads without breaking anything (paper 003 §III): credentials and keys in plain HTTP,
/// and devices announcing themselves over SSDP and mDNS.
/// </summary>
public static class LeakFinder
{
    /// <summary>Findings per device; evidence is redacted unless <paramref name="showSecrets"/>.</summary>
    public static IReadOnlyList<Leak> Find(Trace trace, bool showSecrets = false)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var leaks = new List<Leak>();
        foreach (var d in trace.Devices)
        {
            var withAuth = d.HttpSamples.Where(r => r.Authorization is not null).ToArray();
            if (d.HttpAuthorizationRequests > 0 && withAuth.Length > 0)
            {
                var r = withAuth[0];
                leaks.Add(new Leak(d.Mac, LeakKind.HttpAuthorization, $"{Url(r, showSecrets)} Authorization: {(showSecrets ? r.Authorization : SecretRedactor.Authorization(r.Authorization))}", d.HttpAuthorizationRequests));
            }

            var keyed = d.HttpSamples.Where(r => SecretRedactor.Target(r.Target) != r.Target || SecretRedactor.Host(r.Host) != r.Host).ToArray();
            if (keyed.Length > 0)
            {
                var r = keyed[0];
                leaks.Add(new Leak(d.Mac, LeakKind.HttpKeyInUrl, Url(r, showSecrets), keyed.Length));
            }

            if (d.SsdpMessages > 0)
            {
                leaks.Add(new Leak(d.Mac, LeakKind.SsdpAnnouncement, string.Join("; ", d.SsdpServers.Values.Concat(d.SsdpTypes.Top(3).Select(t => t.Key))), d.SsdpMessages));
            }

            if (d.MdnsNames.Count > 0)
            {
                leaks.Add(new Leak(d.Mac, LeakKind.MdnsAnnouncement, string.Join("; ", d.MdnsNames.Top(3).Select(t => t.Key)), d.MdnsNames.Top(int.MaxValue).Sum(t => t.Value)));
            }
        }

        return leaks;
    }

    // The request line as evidence: every part redacted on its own (a request with an Authorization header may
    // also carry a password in its URL).
    private static string Url(HttpRequestSample r, bool showSecrets) =>
        showSecrets
            ? $"{r.Method} http://{r.Host ?? r.Server.ToString()}{r.Target}"
            : $"{r.Method} http://{SecretRedactor.Host(r.Host) ?? r.Server.ToString()}{SecretRedactor.Target(r.Target)}";
}
