using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Simulation;

/// <summary>Settings of a simulation run.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seed of every random draw (shaper jitter, VIT rates, injected periods): the same seed, the same result.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The home's public addresses, for captures taken outside the NAT.</summary>
    public IReadOnlySet<IpAddress>? HomeAddresses { get; init; }

    /// <summary>The captures' internet packets logged while their trace was built: replayed instead of reading the captures again.</summary>
    public Traffic.Records.PacketLog? Packets { get; init; }
}
