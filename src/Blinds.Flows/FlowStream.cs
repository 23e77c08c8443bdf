using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// What an ISP follows in flow records: the traffic between one home-side address and one remote address, both
/// ways, with the name the logs give the remote (Zeek dns/ssl), if any.
/// </summary>
/// <param name="Home">The home-side address (a device's private address on a LAN-side export, the home's public one after NAT).</param>
/// <param name="Remote">The remote service address.</param>
/// <param name="BytesUp">Bytes from home to remote (IP layer).</param>
/// <param name="BytesDown">Bytes from remote to home.</param>
/// <param name="PacketsUp">Packets from home to remote.</param>
/// <param name="PacketsDown">Packets from remote to home.</param>
/// <param name="Flows">Flow records merged.</param>
/// <param name="FirstNs">Earliest flow start.</param>
/// <param name="LastNs">Latest flow end.</param>
/// <param name="Name">The remote's name from the logs, or null.</param>
public sealed record FlowStream(IpAddress Home, IpAddress Remote, long BytesUp, long BytesDown, long PacketsUp, long PacketsDown, long Flows, long FirstNs, long LastNs, string? Name)
{
    /// <summary>
    /// Streams of <paramref name="log"/>, biggest first. The home side is an address in <paramref name="home"/>, or
    /// else a private one (RFC 1918, ULA, link-local); flows with both or neither end at home are not streams.
    /// </summary>
    public static IReadOnlyList<FlowStream> Of(FlowLog log, IReadOnlySet<IpAddress>? home = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var sums = new Dictionary<(IpAddress Home, IpAddress Remote), long[]>();
        foreach (var f in log.Flows)
        {
            var srcHome = home?.Contains(f.SourceIp) ?? f.SourceIp.IsLocal;
            var dstHome = home?.Contains(f.DestinationIp) ?? f.DestinationIp.IsLocal;
            if (srcHome == dstHome)
            {
                continue;
            }

            var key = srcHome ? (f.SourceIp, f.DestinationIp) : (f.DestinationIp, f.SourceIp);
            if (!sums.TryGetValue(key, out var s))
            {
                s = [0, 0, 0, 0, 0, long.MaxValue, long.MinValue];
                sums[key] = s;
            }

            s[srcHome ? 0 : 1] += f.Bytes;
            s[srcHome ? 2 : 3] += f.Packets;
            s[4]++;
            s[5] = Math.Min(s[5], f.StartNs);
            s[6] = Math.Max(s[6], f.EndNs);
        }

        return sums
            .Select(kv => new FlowStream(kv.Key.Home, kv.Key.Remote, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3], kv.Value[4], kv.Value[5], kv.Value[6], log.AddressNames.GetValueOrDefault(kv.Key.Remote)))
            .OrderByDescending(s => s.BytesUp + s.BytesDown)
            .ThenBy(s => s.Home)
            .ThenBy(s => s.Remote)
            .ToArray();
    }
}
