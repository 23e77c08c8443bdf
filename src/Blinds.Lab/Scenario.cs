using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>A home to simulate: its devices and addresses, how long, when, and the user's activities.</summary>
public sealed record Scenario
{
    /// <summary>Preset or file name.</summary>
    public required string Name { get; init; }

    /// <summary>Seed for every random choice: same scenario and seed, byte-identical output.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Start of the capture (UTC).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Length of the capture.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The gateway's LAN MAC.</summary>
    public MacAddress GatewayMac { get; init; } = MacAddress.Parse("b8:27:eb:00:00:01");

    /// <summary>The gateway's LAN address (also the DNS and DHCP server).</summary>
    public IpAddress GatewayAddress { get; init; } = IpAddress.FromV4(0xc0a8_0101);

    /// <summary>
    /// The home's public address, on the WAN side of the gateway's NAT. The LAN capture never shows it; it is where an
    /// ISP-side view of the home puts the home's traffic. Default from the documentation range (RFC 5737).
    /// </summary>
    public IpAddress PublicAddress { get; init; } = IpAddress.FromV4(0xc633_6417); // 198.51.100.23

    /// <summary>Devices.</summary>
    public required IReadOnlyList<LabDevice> Devices { get; init; }

    /// <summary>Scheduled activities (times relative to <see cref="Start"/>).</summary>
    public required IReadOnlyList<(TimeSpan At, string Device, string Activity)> Activities { get; init; }

    /// <summary>
    /// The scenario lived <paramref name="days"/> times over (a week or three of the same home, as paper 003 captured
    /// 22 days): each period's activities again, each device's moved together by up to ±15 minutes (seeded; a live
    /// view's start stays before its stop), and the duration times <paramref name="days"/>.
    /// </summary>
    public Scenario Repeat(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (days == 1)
        {
            return this;
        }

        var rng = new Random(Seed ^ 0x2f6b_1d05);
        var acts = new List<(TimeSpan At, string Device, string Activity)>(Activities.Count * days);
        for (var d = 0; d < days; d++)
        {
            var shifts = Activities.Select(a => a.Device).Distinct().Order(StringComparer.Ordinal)
                .ToDictionary(x => x, _ => d == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes((rng.NextDouble() - 0.5) * 30));
            foreach (var (at, device, activity) in Activities)
            {
                var shift = shifts[device];
                var t = at + (Duration * d) + shift;
                acts.Add((t < TimeSpan.Zero ? TimeSpan.Zero : t, device, activity));
            }
        }

        return this with { Name = $"{Name}-x{days}", Activities = acts.OrderBy(a => a.At).ToArray(), Duration = Duration * days };
    }
}
