using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;
using Blinds.Protocols;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Tcp;

namespace Blinds.Traffic.Flows;

/// <summary>
/// NetFlow-style bidirectional flows with idle and active timeouts and a cap on the number of open flows. Memory is
/// O(open flows): finished flows go to the callback and are forgotten.
/// </summary>
public sealed class FlowTable
{
    /// <summary>Counted when the table is full and the oldest flow is pushed out.</summary>
    public static readonly Anomaly FlowTableFull = Anomaly.Declare("flow_table_full", AnomalyKind.Unsupported, "more open flows than the flow table holds; the least recently seen were ended early");

    // A KeyedTable rather than a Dictionary: precompiled with the assembly and hashed once per packet (see KeyedTable).
    private readonly KeyedTable<FlowKey, FlowState> flows = new(256);
    // Direct-mapped cache in front of the dictionary: a home has few flows active at once, so nearly every packet
    // finds its flow here without the dictionary's generic hashing (which also stays unoptimised for long in a
    // one-pass process: tiering never catches up on a single busy core).
    private readonly FlowState?[] cache = new FlowState?[4096];

    // Ended flows' state objects are reused: a scan (a new flow per packet) then creates no garbage, which otherwise
    // piles up in the older generations and doubles the process's memory before a full collection.
    private readonly Stack<FlowState> free = new();
    private readonly List<FlowState> evictKeys = [];
    private long[]? evictTimes;
    private readonly FlowTableOptions options;
    private readonly Action<FlowRecord>? onFlow;
    private readonly AnomalyLog log;
    private readonly long tcpIdle;
    private readonly long idle;
    private readonly long active;
    private long nextSweep = long.MinValue;

    /// <summary>Creates a table; <paramref name="onFlow"/> receives every finished flow.</summary>
    public FlowTable(FlowTableOptions options, AnomalyLog log, Action<FlowRecord>? onFlow)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.log = log;
        this.onFlow = onFlow;
        tcpIdle = (long)options.TcpIdleTimeout.TotalNanoseconds;
        idle = (long)options.IdleTimeout.TotalNanoseconds;
        active = (long)options.ActiveTimeout.TotalNanoseconds;
    }

    /// <summary>Flows ended so far.</summary>
    public long Finished { get; private set; }

    /// <summary>Flows open now.</summary>
    public int Open => flows.Count;

    /// <summary>Most flows open at once.</summary>
    public int PeakOpen { get; private set; }

    /// <summary>Accounts one IP packet (ports are 0 for protocols without them) of <paramref name="wireBytes"/> bytes on the wire.</summary>
    // Hot path (once per packet): optimised at first call instead of after tiering, which a one-pass CLI never recovers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(long ts, in PacketInfo p, int wireBytes)
    {
        if (ts >= nextSweep)
        {
            Sweep(ts);
        }

        var key = FlowKey.Create(p.SourceIp, p.SourcePort, p.DestinationIp, p.DestinationPort, p.Protocol, out var forward);
        var hash = key.GetHashCode();
        var slot = (int)((uint)hash & (uint)(cache.Length - 1));
        var f = cache[slot];
        if (f is null || !f.Key.Equals(key))
        {
            if (!flows.TryGetValue(key, hash, out f))
            {
                f = null;
            }
            else
            {
                cache[slot] = f;
            }
        }

        if (f is not null && (ts - f.Last > (key.Protocol == PacketDecoder.Tcp ? tcpIdle : idle) || ts - f.First > active))
        {
            Emit(key, f, ts - f.First > active ? FlowEndReason.Active : FlowEndReason.Idle);
            f.Reset(ts, forward, p);
        }
        else if (f is null)
        {
            f = free.Count > 0 ? free.Pop() : new FlowState();
            f.Key = key;
            f.Reset(ts, forward, p);
            flows.Add(key, hash, f);
            cache[slot] = f;
            if (flows.Count > PeakOpen)
            {
                PeakOpen = flows.Count;
            }
        }

        f.Last = ts;
        f.Flags |= p.TcpFlags;
        if (forward)
        {
            f.PacketsAB++;
            f.BytesAB += wireBytes;
        }
        else
        {
            f.PacketsBA++;
            f.BytesBA += wireBytes;
        }

        if (key.Protocol == PacketDecoder.Tcp && (p.TcpFlags & (TcpDecoder.Fin | TcpDecoder.Rst)) != 0)
        {
            f.FinMask |= (p.TcpFlags & TcpDecoder.Rst) != 0 ? (byte)3 : forward ? (byte)1 : (byte)2;
            if (f.FinMask == 3)
            {
                Emit(key, f, FlowEndReason.Closed);
                Remove(key);
                return;
            }
        }

        if (flows.Count > options.MaxActiveFlows)
        {
            EvictOldest();
        }
    }

    /// <summary>Ends every open flow (end of capture).</summary>
    public void Flush()
    {
        foreach (ref readonly var e in flows)
        {
            Emit(e.Key, e.Value, FlowEndReason.EndOfCapture);
        }

        flows.Clear();
        Array.Clear(cache);
    }

    private void Sweep(long now)
    {
        // Sweeping every 10 s of capture time keeps idle flows from piling up while costing O(open) per sweep.
        nextSweep = now + 10_000_000_000L;
        List<FlowState>? done = null;
        foreach (ref readonly var e in flows)
        {
            if (now - e.Value.Last > (e.Key.Protocol == PacketDecoder.Tcp ? tcpIdle : idle))
            {
                (done ??= []).Add(e.Value);
            }
        }

        if (done is null)
        {
            return;
        }

        foreach (var f in done)
        {
            Emit(f.Key, f, FlowEndReason.Idle);
            Remove(f.Key);
        }
    }

    private void EvictOldest()
    {
        // Evict the least recently seen quarter in one pass: a flood of new flows (a scan) then costs O(1) per flow
        // amortised instead of a full scan per packet. The buffers are kept: allocating them per eviction put
        // megabytes a time on the large-object heap, which only a full collection frees.
        evictTimes ??= new long[options.MaxActiveFlows + 1];
        var n = 0;
        foreach (ref readonly var e in flows)
        {
            evictTimes[n++] = e.Value.Last;
        }

        Array.Sort(evictTimes, 0, n);
        var threshold = evictTimes[n / 4];
        evictKeys.Clear();
        foreach (ref readonly var e in flows)
        {
            if (e.Value.Last <= threshold)
            {
                evictKeys.Add(e.Value);
            }
        }

        foreach (var f in evictKeys)
        {
            log.Add(FlowTableFull);
            Emit(f.Key, f, FlowEndReason.Evicted);
            Remove(f.Key);
        }
    }

    private void Remove(in FlowKey key)
    {
        if (flows.Remove(key, out var state) && free.Count < options.MaxActiveFlows)
        {
            free.Push(state);
        }

        var slot = (int)((uint)key.GetHashCode() & (uint)(cache.Length - 1));
        if (cache[slot] is { } cached && cached.Key.Equals(key))
        {
            cache[slot] = null;
        }
    }

    private void Emit(in FlowKey key, FlowState f, FlowEndReason reason)
    {
        Finished++;
        if (onFlow is null)
        {
            return;
        }

        var a = f.InitiatorIsA;
        onFlow(new FlowRecord(
            f.First,
            f.Last,
            key.Protocol,
            a ? key.AddressA : key.AddressB,
            a ? key.PortA : key.PortB,
            a ? key.AddressB : key.AddressA,
            a ? key.PortB : key.PortA,
            a ? f.MacA : f.MacB,
            a ? f.MacB : f.MacA,
            a ? f.PacketsAB : f.PacketsBA,
            a ? f.BytesAB : f.BytesBA,
            a ? f.PacketsBA : f.PacketsAB,
            a ? f.BytesBA : f.BytesAB,
            f.Flags,
            reason));
    }

    private sealed class FlowState
    {
        public FlowKey Key;
        public long First;
        public long Last;
        public long PacketsAB;
        public long BytesAB;
        public long PacketsBA;
        public long BytesBA;
        public MacAddress MacA;
        public MacAddress MacB;
        public bool InitiatorIsA;
        public byte Flags;
        public byte FinMask;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reset(long ts, bool forward, in PacketInfo p)
        {
            First = ts;
            Last = ts;
            PacketsAB = BytesAB = PacketsBA = BytesBA = 0;
            Flags = FinMask = 0;
            InitiatorIsA = forward;
            MacA = forward ? p.SourceMac : p.DestinationMac;
            MacB = forward ? p.DestinationMac : p.SourceMac;
        }
    }
}
