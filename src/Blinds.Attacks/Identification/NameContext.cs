namespace Blinds.Attacks.Identification;

/// <summary>
/// The other entities of the home being identified, as document frequencies for <see cref="NameSignatures.Weight"/>:
/// a name that many of them ask (a phone app's API, a hub's cloud, a CDN) says little about any one of them.
/// </summary>
public sealed class NameContext
{
    private readonly Dictionary<string, int> asking;

    /// <summary>Counts, for each name, the entities that asked it.</summary>
    public NameContext(IEnumerable<DeviceNames> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        asking = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entities)
        {
            Entities++;
            foreach (var n in e.Names)
            {
                asking[n] = asking.GetValueOrDefault(n) + 1;
            }
        }
    }

    /// <summary>Entities counted.</summary>
    public int Entities { get; }

    /// <summary>Entities other than the one being scored (which asked it) that asked <paramref name="name"/>.</summary>
    public int OthersAsking(string name) => Math.Max(0, asking.GetValueOrDefault(name) - 1);
}
