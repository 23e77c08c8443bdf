using Blinds.Attacks.Kinds;
using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Attacks.Identification;

/// <summary>What kind each device is (camera, plug, phone, ...): the user's devices file first, else what its names say, else its DHCP facts.</summary>
public static class DeviceKinds
{
    /// <summary>
    /// Kinds from <paramref name="declared"/> (a devices file's type column), filled in from <paramref name="identities"/>
    /// and, given <paramref name="trace"/>, from its devices' DHCP facts (<see cref="PersonalDevices"/>).
    /// </summary>
    public static Dictionary<MacAddress, DeviceKind> Of(IReadOnlyDictionary<MacAddress, DeviceKind> declared, IEnumerable<EntityIdentity> identities, Trace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(identities);
        var kinds = declared.Where(kv => kv.Value != DeviceKind.Unknown).ToDictionary();
        foreach (var id in identities)
        {
            if (id.Kind != DeviceKind.Unknown)
            {
                kinds.TryAdd(id.Entity.Device, id.Kind);
            }
        }

        // Last, people's own screens by their DHCP facts: no smart-home signature names them.
        foreach (var d in trace?.HomeDevices ?? [])
        {
            if (!kinds.ContainsKey(d.Mac) && PersonalDevices.KindOf(d) is var kind and not DeviceKind.Unknown)
            {
                kinds.Add(d.Mac, kind);
            }
        }

        return kinds;
    }

    /// <summary>Kinds for every device of <paramref name="trace"/>: declared, else by the papers' signatures (LAN view), else by <see cref="PersonalDevices"/>.</summary>
    public static Dictionary<MacAddress, DeviceKind> Of(Trace trace, IReadOnlyDictionary<MacAddress, DeviceKind> declared) =>
        Of(declared, DeviceIdentifier.Identify(Observer.Project(trace, ObserverKind.Lan), NameSignatures.Papers(), null), trace);
}
