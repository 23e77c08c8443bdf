using Blinds.Protocols.Addressing;

namespace Blinds.Shaping.Decoys;

/// <summary>
/// One decoy the gateway sends: a copy of one of the device's real activity periods (its bytes each second, up and
/// down, as the capture counted them: Ethernet frames) starting at <see cref="Start"/>.
/// </summary>
/// <param name="Device">The device whose activity it copies.</param>
/// <param name="Start">When it starts (UTC).</param>
/// <param name="CopiedTimeOfDay">When the real period it copies started, as a time of day (UTC).</param>
/// <param name="Up">Bytes sent in each second.</param>
/// <param name="Down">Bytes received in each second (the endpoint sends them, asked by the gateway).</param>
public sealed record DecoyBurst(MacAddress Device, DateTimeOffset Start, TimeSpan CopiedTimeOfDay, IReadOnlyList<long> Up, IReadOnlyList<long> Down)
{
    /// <summary>How long it lasts.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Up.Count);

    /// <summary>Its bytes up.</summary>
    public long UpBytes => Up.Sum();

    /// <summary>Its bytes down.</summary>
    public long DownBytes => Down.Sum();
}
