using Blinds.Traffic.Devices;

namespace Blinds.Attacks.Identification;

/// <summary>
/// People's own screens (phones, tablets, laptops, media players) told apart from smart-home devices by what their
/// operating systems put in DHCP: default host names (Apple names a phone "Alices-iPhone", Windows "DESKTOP-XXXX"
/// or "LAPTOP-XXXX") and vendor classes (Windows sends "MSFT 5.0", Android's client "android-dhcp-N"). No smart-home
/// signature names these devices, and a defence must know them: their downloads would set a whole home's padding
/// rate. Host names are the owner's to change, so this is a guess, shown as one.
/// </summary>
public static class PersonalDevices
{
    private static readonly (string Pattern, string Kind)[] HostNames =
    [
        ("iphone", "phone"), ("android", "phone"), ("galaxy", "phone"), ("pixel", "phone"), ("oneplus", "phone"),
        ("redmi", "phone"), ("huawei", "phone"), ("ipad", "tablet"), ("tablet", "tablet"), ("macbook", "laptop"),
        ("laptop", "laptop"), ("desktop-", "laptop"), ("thinkpad", "laptop"), ("imac", "laptop"), ("chromebook", "laptop"),
        ("apple-tv", "media_player"), ("appletv", "media_player"), ("roku", "media_player"), ("chromecast", "media_player"),
        ("firetv", "media_player"), ("fire-tv", "media_player"),
    ];

    // Linux's dhcpcd is left out on purpose: cameras and laptops send it alike.
    private static readonly (string Prefix, string Kind)[] VendorClasses =
    [
        ("MSFT", "laptop"), ("android-dhcp", "phone"),
    ];

    /// <summary>The kind of <paramref name="device"/> if its DHCP facts say it is a person's own screen, else null.</summary>
    public static string? KindOf(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        foreach (var host in device.DhcpHostNames.Values)
        {
            foreach (var (pattern, kind) in HostNames)
            {
                if (host.Contains(pattern, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
        }

        foreach (var vendor in device.DhcpVendorClasses.Values)
        {
            foreach (var (prefix, kind) in VendorClasses)
            {
                if (vendor.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return kind;
                }
            }
        }

        return null;
    }
}
