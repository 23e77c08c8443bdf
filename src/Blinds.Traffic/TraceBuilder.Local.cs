using Blinds.Protocols;

namespace Blinds.Traffic;

/// <summary>Traffic inside the home, by protocol and service port (<see cref="Trace.LocalProtocols"/>).</summary>
public sealed partial class TraceBuilder
{
    // A LAN host picks its own ports: past this many distinct (protocol, port) pairs, the rest count as "other", so
    // a port scan inside the home costs a bounded table.
    private const int MaxLocalProtocols = 4_096;
    private const int OtherLocal = -1;

    // A KeyedTable, not a Dictionary over a value tuple: precompiled with this assembly (see KeyedTable).
    private readonly KeyedTable<LocalKey, LocalCount> localProtocols = new();

    private void CountLocal(in PacketInfo info, int wire)
    {
        int port = info.Protocol is 6 or 17 ? Math.Min(info.SourcePort, info.DestinationPort) : 0;
        var key = new LocalKey((info.Protocol << 16) | port);
        if (!localProtocols.TryGetValue(key, out var count))
        {
            if (localProtocols.Count >= MaxLocalProtocols)
            {
                key = new LocalKey(OtherLocal);
                localProtocols.TryGetValue(key, out count);
            }

            if (count is null)
            {
                count = new LocalCount();
                localProtocols.Add(key, count);
            }
        }

        count.Bytes += wire;
        count.Packets++;
    }

    private sealed class LocalCount
    {
        public long Bytes;
        public long Packets;
    }

    private readonly struct LocalKey(int value) : IEquatable<LocalKey>
    {
        public int Value { get; } = value;

        public bool Equals(LocalKey other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is LocalKey k && Equals(k);

        public override int GetHashCode() => Value;
    }
}
