using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;

namespace Blinds.Attacks.Identification;

/// <summary>What kind each device is (camera, plug, ...): the user's devices file first, else what its names say.</summary>
public static class DeviceKinds
{
    /// <summary>Kinds from <paramref name="declared"/> (a devices file's type column), filled in from <paramref name="identities"/>.</summary>
    public static Dictionary<MacAddress, string> Of(IReadOnlyDictionary<MacAddress, string> declared, IEnumerable<EntityIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(identities);
        var kinds = new Dictionary<MacAddress, string>(declared);
        foreach (var id in identities)
        {
            if (id.Kind is not null)
            {
                kinds.TryAdd(id.Entity.Device, id.Kind);
            }
        }

        return kinds;
    }

    /// <summary>Kinds from <paramref name="declared"/>, filled in by the shipped signatures on the LAN view of <paramref name="trace"/>.</summary>
    public static Dictionary<MacAddress, string> Of(Trace trace, IReadOnlyDictionary<MacAddress, string> declared) =>
        Of(declared, DeviceIdentifier.Identify(Observer.Project(trace, ObserverKind.Lan), NameSignatures.Papers(), null));
}
