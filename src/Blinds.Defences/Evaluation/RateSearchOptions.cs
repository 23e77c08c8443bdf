using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Evaluation;

/// <summary>Settings of <see cref="RateSearch.Search"/>.</summary>
public sealed record RateSearchOptions
{
    /// <summary>Slot size, bytes.</summary>
    public int SlotBytes { get; init; } = 512;

    /// <summary>Queue cap per direction, bytes.</summary>
    public long QueueBytes { get; init; } = 4 << 20;

    /// <summary>For captures outside the NAT.</summary>
    public IReadOnlySet<IpAddress>? HomeAddresses { get; init; }

    /// <summary>The captures' internet packets logged while their trace was built: replayed instead of reading the captures again.</summary>
    public Traffic.Records.PacketLog? Packets { get; init; }

    /// <summary>Shape only these devices (the others pass unshaped); null for all.</summary>
    public IReadOnlySet<MacAddress>? Only { get; init; }

    /// <summary>Most packets held (16 bytes each); past it the search keeps to the capture's first part.</summary>
    public int MaxPackets { get; init; } = RateSearch.MaxPackets;

    /// <summary>Called as the read goes on: (file, bytes read, file size).</summary>
    public Action<string, long, long>? Progress { get; init; }
}
