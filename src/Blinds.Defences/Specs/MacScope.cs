using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>A <see cref="Scope"/> as written, with MACs rather than device indices.</summary>
/// <remarks>Equal when the device sets hold the same MACs and the windows are the same, in the same order (value equality).</remarks>
/// <param name="Devices">Chosen devices; null for all.</param>
/// <param name="Windows">Daily UTC windows; empty for all day.</param>
public sealed record MacScope(IReadOnlySet<MacAddress>? Devices, IReadOnlyList<(TimeSpan Start, TimeSpan End)> Windows)
{
    /// <summary>Everything, all day.</summary>
    public static MacScope All { get; } = new(null, []);

    /// <summary>Only <paramref name="devices"/>, all day.</summary>
    public static MacScope Only(IEnumerable<MacAddress> devices) => new(devices.ToHashSet(), []);

    /// <summary>The scope over device indices of <paramref name="devices"/>.</summary>
    public Scope Resolve(IReadOnlyList<MacAddress> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return new Scope
        {
            Devices = Devices is null ? null : devices.Select((m, i) => (m, i)).Where(x => Devices.Contains(x.m)).Select(x => x.i).ToHashSet(),
            Windows = Windows,
        };
    }

    /// <inheritdoc/>
    public bool Equals(MacScope? other) =>
        other is not null
        && (Devices is null ? other.Devices is null : other.Devices is not null && Devices.SetEquals(other.Devices))
        && Windows.SequenceEqual(other.Windows);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Devices?.Count ?? -1, Windows.Count);
}
