using Blinds.Attacks.Identification;
using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Devices;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>People's own screens by their operating systems' DHCP defaults; smart-home devices stay unguessed.</summary>
public class PersonalDevicesTests
{
    private static Device With(string? host, string? vendor)
    {
        var d = new Device(MacAddress.Parse("02:00:00:00:00:01"));
        if (host is not null)
        {
            d.DhcpHostNames.Add(host);
        }

        if (vendor is not null)
        {
            d.DhcpVendorClasses.Add(vendor);
        }

        return d;
    }

    [Theory]
    [InlineData("Alices-iPhone", null, "phone")]
    [InlineData("Galaxy-S21", null, "phone")]
    [InlineData(null, "android-dhcp-13", "phone")]
    [InlineData("DESKTOP-4F2K9QX", "MSFT 5.0", "laptop")]
    [InlineData("bobs-laptop", null, "laptop")]
    [InlineData(null, "MSFT 5.0", "laptop")]
    [InlineData("Bobs-iPad", null, "phone")]
    [InlineData("Living-Room-Apple-TV", null, "media_player")]
    public void Screens_are_told_by_dhcp(string? host, string? vendor, string kind) => Assert.Equal(kind, PersonalDevices.KindOf(With(host, vendor)).Text());

    [Theory]
    [InlineData("Sense-5E1020", "udhcp 1.22.1")]
    [InlineData("Nest-Cam", "dhcpcd-6.8.2")]
    [InlineData("ESP_3C6E", null)]
    [InlineData(null, null)]
    public void Smart_home_devices_are_not_guessed(string? host, string? vendor) => Assert.Equal(DeviceKind.Unknown, PersonalDevices.KindOf(With(host, vendor)));
}
