using Blinds.Attacks.Identification;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Attacks.Observers;

/// <summary>
/// One thing an observer can tell apart and follow over time: a station (LAN, Wi-Fi) or a stream to a service
/// address (ISP). Attacks see <see cref="Id"/>, <see cref="Mac"/>, <see cref="Rates"/> and <see cref="Names"/>;
/// <see cref="Device"/> is the ground truth the projection knows, kept for scoring only.
/// </summary>
/// <param name="Id">What the observer calls it: a MAC, or "service address [NAT port]".</param>
/// <param name="Device">The home device behind it (for scoring; an attack must not read it).</param>
/// <param name="Mac">The MAC the observer sees, if any.</param>
/// <param name="Remote">The service address, for streams.</param>
/// <param name="Rates">Bytes and packets per bin as this observer counts them; null when the trace has no series.</param>
/// <param name="Names">The names and DHCP facts this observer can read for it.</param>
public sealed record ObservedEntity(string Id, MacAddress Device, MacAddress? Mac, IpAddress? Remote, RateSeries? Rates, DeviceNames Names)
{
    private readonly IReadOnlySet<MacAddress>? contributors;

    /// <summary>
    /// Every device with real traffic in it (for scoring): just <see cref="Device"/> for a station or a stream, all
    /// of the home's for a VPN tunnel, where <see cref="Device"/> is the one with the most bytes.
    /// </summary>
    public IReadOnlySet<MacAddress> Contributors
    {
        get => contributors ?? new HashSet<MacAddress> { Device };
        init => contributors = value;
    }
}
