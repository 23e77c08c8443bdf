using Blinds.Attacks.Kinds;
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
    private static readonly (string Pattern, DeviceKind Kind)[] HostNames =
    [
        ("iphone", DeviceKind.Phone), ("android", DeviceKind.Phone), ("galaxy", DeviceKind.Phone), ("pixel", DeviceKind.Phone), ("oneplus", DeviceKind.Phone),
        ("redmi", DeviceKind.Phone), ("huawei", DeviceKind.Phone), ("ipad", DeviceKind.Phone), ("tablet", DeviceKind.Phone), ("macbook", DeviceKind.Laptop),
        ("laptop", DeviceKind.Laptop), ("desktop-", DeviceKind.Laptop), ("thinkpad", DeviceKind.Laptop), ("imac", DeviceKind.Laptop), ("chromebook", DeviceKind.Laptop),
        ("apple-tv", DeviceKind.MediaPlayer), ("appletv", DeviceKind.MediaPlayer), ("roku", DeviceKind.MediaPlayer), ("chromecast", DeviceKind.MediaPlayer),
        ("firetv", DeviceKind.MediaPlayer), ("fire-tv", DeviceKind.MediaPlayer),
    ];

    // Linux's dhcpcd is left out on purpose: cameras and laptops send it alike.
    private static readonly (string Prefix, DeviceKind Kind)[] VendorClasses =
    [
        ("MSFT", DeviceKind.Laptop), ("android-dhcp", DeviceKind.Phone),
    ];

    /// <summary>The kind of <paramref name="device"/> if its DHCP facts say it is a person's own screen, else <see cref="DeviceKind.Unknown"/>.</summary>
    public static DeviceKind KindOf(Device device)
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

        return DeviceKind.Unknown;
    }
}
