using Blinds.Lab.Packets;
using Blinds.Protocols.Addressing;

namespace Blinds.Testing;

/// <summary>Ready-made frames for decoder and reader tests.</summary>
public static class Frames
{
    /// <summary>A LAN device.</summary>
    public static MacAddress DeviceMac { get; } = MacAddress.Parse("00:17:88:24:76:ff");

    /// <summary>The gateway.</summary>
    public static MacAddress GatewayMac { get; } = MacAddress.Parse("b8:27:eb:00:00:01");

    /// <summary>The device's address.</summary>
    public static IpAddress DeviceIp { get; } = IpAddress.FromV4(0xc0a8_0117);

    /// <summary>A remote address.</summary>
    public static IpAddress RemoteIp { get; } = IpAddress.FromV4(0x3400_0001);

    /// <summary>A UDP frame from the device to the remote address.</summary>
    public static byte[] Udp(int payload = 20, bool up = true)
    {
        var buf = new byte[2048];
        var n = up
            ? FrameBuilder.Udp(buf, DeviceMac, GatewayMac, DeviceIp, 40000, RemoteIp, 123, new byte[payload])
            : FrameBuilder.Udp(buf, GatewayMac, DeviceMac, RemoteIp, 123, DeviceIp, 40000, new byte[payload]);
        return buf[..n];
    }

    /// <summary>A TCP frame.</summary>
    public static byte[] Tcp(byte flags, int payload = 0, bool up = true, ReadOnlySpan<byte> data = default)
    {
        var buf = new byte[2048];
        var n = up
            ? FrameBuilder.Tcp(buf, DeviceMac, GatewayMac, DeviceIp, 40001, RemoteIp, 443, 1, 1, flags, data, payload)
            : FrameBuilder.Tcp(buf, GatewayMac, DeviceMac, RemoteIp, 443, DeviceIp, 40001, 1, 1, flags, data, payload);
        return buf[..n];
    }

    /// <summary>Wraps a UDP payload to/from port 53 etc.</summary>
    public static byte[] UdpWith(ReadOnlySpan<byte> payload, ushort srcPort, ushort dstPort, bool up = true)
    {
        var buf = new byte[4096];
        var n = up
            ? FrameBuilder.Udp(buf, DeviceMac, GatewayMac, DeviceIp, srcPort, RemoteIp, dstPort, payload)
            : FrameBuilder.Udp(buf, GatewayMac, DeviceMac, RemoteIp, srcPort, DeviceIp, dstPort, payload);
        return buf[..n];
    }
}
