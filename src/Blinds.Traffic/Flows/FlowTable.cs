using System.Runtime.InteropServices;
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

    private readonly Dictionary<FlowKey, FlowState> flows = [];
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
    public void Add(long ts, in PacketInfo p, int wireBytes)
    {
        if (ts >= nextSweep)
        {
            Sweep(ts);
        }

        var key = FlowKey.Create(p.SourceIp, p.SourcePort, p.DestinationIp, p.DestinationPort, p.Protocol, out var forward);
        ref var f = ref CollectionsMarshal.GetValueRefOrAddDefault(flows, key, out var exists);
        if (exists && (ts - f.Last > (key.Protocol == PacketDecoder.Tcp ? tcpIdle : idle) || ts - f.First > active))
        {
            var reason = ts - f.First > active ? FlowEndReason.Active : FlowEndReason.Idle;
            Emit(key, ref f, reason);
            exists = false;
        }

        if (!exists)
        {
            f = default;
            f.First = ts;
            f.InitiatorIsA = forward;
            f.MacA = forward ? p.SourceMac : p.DestinationMac;
            f.MacB = forward ? p.DestinationMac : p.SourceMac;
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
                Emit(key, ref f, FlowEndReason.Closed);
                flows.Remove(key);
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
        foreach (var key in flows.Keys.ToArray())
        {
            ref var f = ref CollectionsMarshal.GetValueRefOrNullRef(flows, key);
            Emit(key, ref f, FlowEndReason.EndOfCapture);
        }

        flows.Clear();
    }

    private void Sweep(long now)
    {
        // Sweeping every 10 s of capture time keeps idle flows from piling up while costing O(open) per sweep.
        nextSweep = now + 10_000_000_000L;
        List<FlowKey>? done = null;
        foreach (var (key, f) in flows)
        {
            if (now - f.Last > (key.Protocol == PacketDecoder.Tcp ? tcpIdle : idle))
            {
                (done ??= []).Add(key);
            }
        }

        if (done is null)
        {
            return;
        }

        foreach (var key in done)
        {
            ref var f = ref CollectionsMarshal.GetValueRefOrNullRef(flows, key);
            Emit(key, ref f, FlowEndReason.Idle);
            flows.Remove(key);
        }
    }

    private void EvictOldest()
    {
        // Evict the least recently seen sixteenth in one sorted pass: a flood of new flows (a scan) then costs
        // O(log n) per flow amortised instead of a full scan per packet.
        var victims = flows.OrderBy(kv => kv.Value.Last).Take((flows.Count / 16) + 1).Select(kv => kv.Key).ToArray();
        foreach (var key in victims)
        {
            log.Add(FlowTableFull);
            ref var f = ref CollectionsMarshal.GetValueRefOrNullRef(flows, key);
            Emit(key, ref f, FlowEndReason.Evicted);
            flows.Remove(key);
        }
    }

    private void Emit(in FlowKey key, ref FlowState f, FlowEndReason reason)
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

    private struct FlowState
    {
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
    }
}
