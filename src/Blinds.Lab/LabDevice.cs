using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>One device of the lab with everything that names it on the wire.</summary>
public sealed record LabDevice
{
    /// <summary>Name used in ground-truth files.</summary>
    public required string Name { get; init; }

    /// <summary>Behaviour model.</summary>
    public required BehaviourModel Kind { get; init; }

    /// <summary>LAN MAC.</summary>
    public required MacAddress Mac { get; init; }

    /// <summary>LAN address.</summary>
    public required IpAddress Address { get; init; }

    /// <summary>DHCP option 12.</summary>
    public string? HostName { get; init; }

    /// <summary>DHCP option 60.</summary>
    public string? VendorClass { get; init; }

    /// <summary>DHCP option 55.</summary>
    public byte[] ParameterList { get; init; } = [1, 3, 6, 12, 15, 28, 42];

    /// <summary>Cloud services, first one carries the events.</summary>
    public required IReadOnlyList<string> Domains { get; init; }

    /// <summary>Seconds between heartbeats (jittered by 10%).</summary>
    public double HeartbeatSeconds { get; init; } = 30;

    /// <summary>Heartbeat payload bytes up and down.</summary>
    public (int Up, int Down) Heartbeat { get; init; } = (120, 80);

    /// <summary>Background upload in bytes per second (cameras).</summary>
    public double StreamBytesPerSecond { get; init; }

    /// <summary>Payload bytes per packet of the background upload.</summary>
    public int StreamPacketBytes { get; init; } = 1200;

    /// <summary>Upload multiplier while the camera is watched live.</summary>
    public double LiveFactor { get; init; } = 25;

    /// <summary>Bytes up and down of one event burst.</summary>
    public (int Up, int Down) Burst { get; init; } = (3000, 2000);

    /// <summary>ALPN offered in ClientHellos.</summary>
    public string? Alpn { get; init; }

    /// <summary>
    /// When set, the device switches to a new random, locally administered MAC this often (as phones do), and asks
    /// DHCP again under the same host name: what lets an observer link the MACs (paper 003 III.B.1).
    /// </summary>
    public TimeSpan? MacRotation { get; init; }
}
