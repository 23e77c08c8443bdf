using Blinds.Attacks.Kinds;
using Blinds.Protocols.Addressing;

namespace Blinds.Attacks.Scoring;

/// <summary>A devices file read once: each MAC's name, and the kind its type column gives where Blinds knows it.</summary>
/// <param name="Names">The name of each labelled MAC.</param>
/// <param name="Kinds">The kind of the MACs whose type is one Blinds knows (<see cref="DeviceKindText.Parse"/>); other types leave the device to identification.</param>
public sealed record DeviceLabelSet(IReadOnlyDictionary<MacAddress, string> Names, IReadOnlyDictionary<MacAddress, DeviceKind> Kinds)
{
    /// <summary>No devices file: no names, no kinds.</summary>
    public static DeviceLabelSet None { get; } = new(new Dictionary<MacAddress, string>(), new Dictionary<MacAddress, DeviceKind>());
}
