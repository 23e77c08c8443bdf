using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Traffic;

namespace Blinds.Reports.Export;

/// <summary>One station of the home as the LAN observer identifies it (docs/export.md: devices).</summary>
/// <param name="Mac">Its MAC.</param>
/// <param name="Vendor">The MAC's vendor (IEEE and Wireshark OUI lists), "randomised" for a locally administered MAC.</param>
/// <param name="Addresses">Its IP addresses, space-separated.</param>
/// <param name="HostNames">DHCP host names it gave, space-separated.</param>
/// <param name="Names">Up to 20 DNS, TLS and mDNS names it used, space-separated.</param>
/// <param name="Label">The signature label its names match (the papers' signatures), else null.</param>
/// <param name="Kind">That label's kind of device (camera, plug...).</param>
/// <param name="Confidence">How sure the match is, 0 to 1.</param>
/// <param name="BytesUp">Frame bytes it sent to the internet.</param>
/// <param name="BytesDown">Frame bytes it received from the internet.</param>
public sealed record DeviceRow(string Mac, string? Vendor, string Addresses, string? HostNames, string? Names, string? Label, string? Kind, double Confidence, long BytesUp, long BytesDown)
{
    /// <summary>One row per home station of <paramref name="trace"/> (the gateway left out), identified with the shipped signatures.</summary>
    public static IReadOnlyList<DeviceRow> Of(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var view = Observer.Project(trace, ObserverKind.Lan);
        var oui = OuiDatabase.For(view.Entities.Where(e => e.Mac is not null).Select(e => e.Mac!.Value));
        var devices = trace.HomeDevices.ToDictionary(d => d.Mac);
        return DeviceIdentifier.Identify(view, NameSignatures.Papers(), oui)
            .Select(i =>
            {
                var d = devices[i.Entity.Device];
                static string? Joined(IEnumerable<string> values) => string.Join(' ', values) is { Length: > 0 } s ? s : null;
                return new DeviceRow(
                    d.Mac.ToString(),
                    i.Vendor,
                    string.Join(' ', d.Addresses.Order().Select(a => a.ToString())),
                    Joined(d.DhcpHostNames.Values),
                    Joined(i.Entity.Names.Names.Order(StringComparer.Ordinal).Take(20)),
                    i.Label,
                    i.Kind.TextOrNull(),
                    Math.Round(i.Confidence, 3),
                    d.BytesUp,
                    d.BytesDown);
            })
            .ToArray();
    }
}
