using System.Runtime.InteropServices;

using Blinds.Protocols;

namespace Blinds.Traffic;

/// <summary>Traffic inside the home, by protocol and service port (<see cref="Trace.LocalProtocols"/>).</summary>
public sealed partial class TraceBuilder
{
    // A LAN host picks its own ports: past this many distinct (protocol, port) pairs, the rest count as "other", so
    // a port scan inside the home costs a bounded table.
    private const int MaxLocalProtocols = 4_096;
    private const int OtherLocal = -1;

    private readonly Dictionary<int, (long Bytes, long Packets)> localProtocols = [];

    private void CountLocal(in PacketInfo info, int wire)
    {
        int port = info.Protocol is 6 or 17 ? Math.Min(info.SourcePort, info.DestinationPort) : 0;
        var key = (info.Protocol << 16) | port;
        if (localProtocols.Count >= MaxLocalProtocols && !localProtocols.ContainsKey(key))
        {
            key = OtherLocal;
        }

        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(localProtocols, key, out _);
        count = (count.Bytes + wire, count.Packets + 1);
    }
}
