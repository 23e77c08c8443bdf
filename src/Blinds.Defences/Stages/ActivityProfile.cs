using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Stages;

/// <summary>
/// The shape of one real activity period of a device, to be replayed as cover: bytes per second up and down from
/// its start, and the service address it went to (so that the copy goes where real activity goes).
/// </summary>
/// <param name="Device">Device index.</param>
/// <param name="Remote">Where the copy is sent.</param>
/// <param name="TimeOfDayNs">When the original started, as ns into its UTC day (decoys keep to plausible hours).</param>
/// <param name="Up">Bytes sent in each second.</param>
/// <param name="Down">Bytes received in each second.</param>
public sealed record ActivityProfile(int Device, IpAddress Remote, long TimeOfDayNs, long[] Up, long[] Down);
