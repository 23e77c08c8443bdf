using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>What to block (paper 002 §6.1): devices, domains (and their subdomains) and remote addresses.</summary>
/// <remarks>Equal when the three sets hold the same members (value equality, not the sets' identity), so plans compare by content.</remarks>
/// <param name="Devices">MACs whose internet traffic is dropped.</param>
/// <param name="Domains">Names whose addresses are dropped (lower case, no trailing dot).</param>
/// <param name="Addresses">Remote addresses dropped.</param>
public sealed record BlockRules(IReadOnlySet<MacAddress> Devices, IReadOnlySet<string> Domains, IReadOnlySet<IpAddress> Addresses)
{
    /// <inheritdoc/>
    public bool Equals(BlockRules? other) =>
        other is not null && Devices.SetEquals(other.Devices) && Domains.SetEquals(other.Domains) && Addresses.SetEquals(other.Addresses);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Devices.Count, Domains.Count, Addresses.Count);
}
