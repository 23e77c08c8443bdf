using System.Globalization;

using Blinds.Defences.Specs;

namespace Blinds.Shaping;

/// <summary>
/// Whether a rate fits the link it leaves by (issue 17: a rate beyond the link is refused before anything changes).
/// The speed is the kernel's own, /sys/class/net/IF/speed in Mbit/s; virtual links (veth, TUN, loopback, most cloud
/// NICs) report none or −1, and then the rate is allowed with a note rather than refused on a guess.
/// </summary>
public static class LinkSpeed
{
    /// <summary>Where the kernel lists interfaces.</summary>
    public const string SysClassNet = "/sys/class/net";

    /// <summary>The speed of <paramref name="device"/> in Mbit/s, or null when the kernel does not know it.</summary>
    /// <param name="device">The interface.</param>
    /// <param name="root">The sysfs directory of interfaces (tests give a directory of their own).</param>
    public static long? MegabitsPerSecond(string device, string root = SysClassNet)
    {
        ArgumentNullException.ThrowIfNull(device);
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(root, device, "speed")).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mbps) && mbps > 0 ? mbps : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Reading speed on a link without one fails with EINVAL: unknown, not an error.
            return null;
        }
    }

    /// <summary>The interface the kernel would send to <paramref name="address"/> by (`ip route get`), or null when it has no route or no ip.</summary>
    public static string? Toward(System.Net.IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            var route = CommandRunner.Run(["ip", "route", "get", address.ToString()]).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var i = Array.IndexOf(route, "dev");
            return i >= 0 && i + 1 < route.Length ? route[i + 1] : null;
        }
        catch (ShapingException)
        {
            // No route (an unreachable network) or no iproute2: nothing to compare with here; `up` needs a route anyway.
            return null;
        }
    }

    /// <summary>Checks <paramref name="bytesPerSecond"/> against <paramref name="device"/>'s speed.</summary>
    /// <param name="device">The interface the traffic leaves by.</param>
    /// <param name="bytesPerSecond">The rate to check.</param>
    /// <param name="what">How the error names the rate ("the upload rate").</param>
    /// <param name="root">The sysfs directory of interfaces.</param>
    /// <returns>A note for the user when the speed is unknown; null when the rate fits.</returns>
    /// <exception cref="FormatException">The rate is beyond the link (one line naming both).</exception>
    public static string? Check(string device, double bytesPerSecond, string what, string root = SysClassNet)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(what);
        if (MegabitsPerSecond(device, root) is not { } mbps)
        {
            return $"note: {device} does not report its speed, so {what} {Units.FormatRate(bytesPerSecond)} is not checked against it";
        }

        return bytesPerSecond * 8 > mbps * 1e6
            ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{what} {Units.FormatRate(bytesPerSecond)} ({bytesPerSecond * 8 / 1e6:0.###} Mbit/s) is beyond {device}'s {mbps} Mbit/s link"))
            : null;
    }
}
