using Blinds.Attacks.Activity;
using Blinds.Attacks.Observers;
using Blinds.Defences.Costs;
using Blinds.Defences.Pipeline;
using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;
using Blinds.Traffic;
using Blinds.Traffic.Records;

namespace Blinds.Defences.Simulation;

/// <summary>
/// Runs a defence on a capture: reads it once more (the first pass built the original trace, whose names,
/// devices and activity periods the defences need before the first packet: a decoy copies real activity, a block
/// rule follows DNS names; see <see cref="Run(IReadOnlyList{string}, Trace, DefencePlan, SimulationOptions?)"/>), pushes every internet packet through the stages in time order and collects what the
/// ISP would see. Memory: the shaper's bounded queues, the injected periods in flight, and sparse rate series.
/// </summary>
public static class Simulator
{
    /// <summary>Where cover goes when no tunnel hides it (a documentation address, RFC 5737): the observer sees it apart.</summary>
    public static readonly IpAddress CoverAddress = IpAddress.FromV4(0xcb00_71fe); // 203.0.113.254

    /// <summary>Simulates <paramref name="plan"/> on the captures <paramref name="paths"/>, which built <paramref name="original"/> (with 1 s series).</summary>
    public static SimulationResult Run(IReadOnlyList<string> paths, Trace original, DefencePlan plan, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return RunMany(paths, original, [plan], options)[0];
    }

    /// <summary>
    /// Simulates several defences in one read of the captures: each packet goes through every plan's pipeline in
    /// turn, so N defences cost one pass over the file (memory: N pipelines' queues and series).
    /// </summary>
    /// <param name="paths">The captures that built <paramref name="original"/>.</param>
    /// <param name="original">Their trace, with 1 s series.</param>
    /// <param name="plans">The defences, one result each, in order.</param>
    /// <param name="options">Settings shared by all.</param>
    /// <param name="progress">Called as the read goes on: (file, bytes read, file size).</param>
    public static IReadOnlyList<SimulationResult> RunMany(IReadOnlyList<string> paths, Trace original, IReadOnlyList<DefencePlan> plans, SimulationOptions? options = null, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(plans);
        options ??= new SimulationOptions();
        var replays = plans.Select(p => new PacketReplay(original, p, options)).ToArray();
        var read = new TraceOptions { HomeAddresses = options.HomeAddresses };
        if (Environment.ProcessorCount == 1)
        {
            PacketLog.ReplayOrRead(options.Packets, paths, read, replays.Length == 1 ? replays[0] : new FanOut(replays), progress);
        }
        else
        {
            // Reading on one core, the defences on the others: each still sees every packet in order.
            using var fan = new ChunkedFanOut<Replayed>(replays.Select(r => (Action<Replayed[], int>)r.PacketsOf).ToArray());
            PacketLog.ReplayOrRead(options.Packets, paths, read, new Handover(original, fan), progress);
            fan.Complete();
        }

        return replays.Select(r => r.Finish()).ToArray();
    }

    /// <summary>Simulates on packets already in hand (tests, searches): (time, bytes, up, remote, device index) in time order.</summary>
    public static SimulationResult Run(IEnumerable<(long TimeNs, int Bytes, bool Up, IpAddress Remote, int Device)> packets, Trace original, DefencePlan plan, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var input = new PacketReplay(original, plan, options ?? new SimulationOptions());
        foreach (var p in packets)
        {
            input.Packet(p.TimeNs, p.Bytes, p.Up, p.Remote, p.Device);
        }

        return input.Finish();
    }

    /// <summary>Every device's activity periods in <paramref name="trace"/> as profiles to replay, and real activities per day.</summary>
    public static (IReadOnlyList<ActivityProfile> Profiles, IReadOnlyDictionary<int, double> PerDay) Profiles(Trace trace, IReadOnlyList<MacAddress> devices)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(devices);
        var profiles = new List<ActivityProfile>();
        var perDay = new Dictionary<int, double>();
        var days = Math.Max(1.0 / 24, ((trace.LastNs ?? 0) - (trace.FirstNs ?? 0)) / 86_400e9);
        // Each device's busiest remote, found in one pass: a search of every stream per device was quadratic on a
        // flooded LAN.
        var busiest = new Dictionary<MacAddress, Traffic.Devices.ServiceStream>();
        foreach (var s in trace.Streams)
        {
            if (!busiest.TryGetValue(s.Device, out var b) || s.BytesUp + s.BytesDown > b.BytesUp + b.BytesDown)
            {
                busiest[s.Device] = s;
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            var device = trace.FindDevice(devices[i]);
            if (device?.Rates is not { } rates || rates.BinNs != 1_000_000_000L)
            {
                continue;
            }

            var remote = busiest.TryGetValue(device.Mac, out var top) ? top.Remote : CoverAddress;
            var events = EventDetector.Detect(device.Mac, rates);
            perDay[i] = events.Count / days;
            if (events.Count == 0)
            {
                continue; // no profile to copy: skip the dense series, which is as long as the capture
            }

            // Each event's bins, copied from the sparse series in one sweep: a dense copy of the whole series (four
            // arrays as long as the capture, 60 MB a device for three weeks) held only to slice a few minutes out.
            var spans = events.Select(e => (First: (int)((e.StartNs - rates.OriginNs) / rates.BinNs), Last: (int)Math.Min(rates.Count, (e.EndNs - rates.OriginNs + rates.BinNs - 1) / rates.BinNs))).ToArray();
            var slices = Slices(rates, spans);
            for (var k = 0; k < events.Count; k++)
            {
                if (slices[k] is not { } slice)
                {
                    continue;
                }

                var e = events[k];
                var tod = ((e.StartNs % 86_400_000_000_000L) + 86_400_000_000_000L) % 86_400_000_000_000L;
                profiles.Add(new ActivityProfile(i, remote, tod, slice.Up, slice.Down));
            }
        }

        return (profiles, perDay);
    }

    // Bytes up and down per bin over each [First, Last) of the series (zeros where it is silent), null where the span
    // is empty: what slicing the dense series gives, from the stored bins.
    private static (long[] Up, long[] Down)?[] Slices(Traffic.Series.RateSeries rates, (int First, int Last)[] spans)
    {
        var result = new (long[] Up, long[] Down)?[spans.Length];
        for (var k = 0; k < spans.Length; k++)
        {
            if (spans[k].Last > spans[k].First)
            {
                var n = spans[k].Last - spans[k].First;
                result[k] = (new long[n], new long[n]);
            }
        }

        var order = Enumerable.Range(0, spans.Length).Where(k => result[k] is not null).OrderBy(k => spans[k].First).ToArray();
        var active = new List<int>();
        var next = 0;
        foreach (var b in rates.Bins)
        {
            while (next < order.Length && spans[order[next]].First <= b.Index)
            {
                active.Add(order[next++]);
            }

            for (var j = active.Count - 1; j >= 0; j--)
            {
                var k = active[j];
                if (spans[k].Last <= b.Index)
                {
                    active.RemoveAt(j);
                    continue;
                }

                var (up, down) = result[k]!.Value;
                up[b.Index - spans[k].First] = b.BytesUp;
                down[b.Index - spans[k].First] = b.BytesDown;
            }

            if (active.Count == 0 && next == order.Length)
            {
                break;
            }
        }

        return result;
    }

    private sealed class FanOut(PacketReplay[] replays) : PacketSink
    {
        public override void OnPacket(in PacketRow row)
        {
            foreach (var r in replays)
            {
                r.OnPacket(row);
            }
        }
    }

    // One internet packet of a home device, as every replay takes it.
    private readonly record struct Replayed(long TimeNs, int Bytes, bool Up, IpAddress Remote, int Device);

    // The reader's side of ChunkedFanOut: keeps the packets a replay would take (internet, a home device), once for all.
    private sealed class Handover(Trace original, ChunkedFanOut<Replayed> fan) : PacketSink
    {
        private readonly Dictionary<MacAddress, int> index = original.HomeDevices.Select((d, i) => (d.Mac, i)).ToDictionary(x => x.Mac, x => x.i);

        public override void OnPacket(in PacketRow row)
        {
            if (row.Direction is not (Direction.Up or Direction.Down) || !index.TryGetValue(row.Device, out var device))
            {
                return;
            }

            var up = row.Direction == Direction.Up;
            fan.Add(new Replayed(row.TimeNs, row.WireLength, up, up ? row.DestinationIp : row.SourceIp, device));
        }
    }

    private sealed class PacketReplay : PacketSink
    {
        private readonly Trace original;
        private readonly DefencePlan plan;
        private readonly CostMeter cost;
        private readonly IWireSink head;
        private readonly ObservedTraffic observed;
        private readonly Dictionary<MacAddress, int> index;
        private readonly MacAddress[] devices;
        private readonly InjectionStage? injection;
        private readonly long start;
        private long clock = long.MinValue;

        public PacketReplay(Trace original, DefencePlan plan, SimulationOptions options)
        {
            this.original = original;
            this.plan = plan;
            devices = original.HomeDevices.Select(d => d.Mac).ToArray();
            index = devices.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
            cost = new CostMeter(devices.Length);
            start = original.FirstNs ?? 0;
            var origin = original.HomeDevices.Select(d => d.Rates?.OriginNs).FirstOrDefault(o => o.HasValue) ?? start - (((start % 1_000_000_000L) + 1_000_000_000L) % 1_000_000_000L);
            observed = new ObservedTraffic(origin, 1_000_000_000L, cost, devices, separateDevices: plan.Tunnel is null);

            // Built back to front: each stage's Next is the one after it.
            IWireSink next = observed;
            if (plan.Tunnel is { } tunnel)
            {
                next = Chain(new TunnelStage(tunnel, plan.Endpoint, cost), next);
            }

            if (plan.Shaper is { } shaper)
            {
                next = Chain(new ShaperStage(shaper, plan.ShaperScope.Resolve(devices), cost, CoverAddress, options.Seed), next);
            }

            if (plan.Injection is { } inject)
            {
                var (profiles, perDay) = Profiles(original, devices);
                injection = new InjectionStage(inject, plan.InjectionScope.Resolve(devices), cost, profiles, perDay, options.Seed + 1);
                next = Chain(injection, next);
            }

            if (plan.Block is { } block)
            {
                var blockedDevices = devices.Select((m, i) => (m, i)).Where(x => block.Devices.Contains(x.m)).Select(x => x.i).ToHashSet();
                var blockedAddresses = new HashSet<IpAddress>(block.Addresses);
                foreach (var (address, name) in original.AddressNames.Concat(original.SniNames))
                {
                    if (block.Domains.Any(d => name.Equals(d, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
                    {
                        blockedAddresses.Add(address);
                    }
                }

                next = Chain(new BlockStage((device, remote) => blockedDevices.Contains(device) || blockedAddresses.Contains(remote), cost), next);
            }

            head = next;
        }

        public override void OnPacket(in PacketRow row)
        {
            if (row.Direction is not (Direction.Up or Direction.Down) || !index.TryGetValue(row.Device, out var device))
            {
                return;
            }

            var up = row.Direction == Direction.Up;
            Packet(row.TimeNs, row.WireLength, up, up ? row.DestinationIp : row.SourceIp, device);
        }

        public void PacketsOf(Replayed[] packets, int count)
        {
            for (var i = 0; i < count; i++)
            {
                ref readonly var p = ref packets[i];
                Packet(p.TimeNs, p.Bytes, p.Up, p.Remote, p.Device);
            }
        }

        public void Packet(long timeNs, int bytes, bool up, IpAddress remote, int device)
        {
            if (clock == long.MinValue)
            {
                clock = Math.Min(start, timeNs);
                head.AdvanceTo(clock);
            }

            // A capture's rare backward step is taken as simultaneous: stages need time to move forward.
            clock = Math.Max(clock, timeNs);
            cost.Real(device, up, bytes);
            head.AdvanceTo(clock);
            head.Push(new WirePacket(clock, bytes, up, remote, device, PacketRole.Real, clock));
        }

        public SimulationResult Finish()
        {
            var end = original.LastNs ?? Math.Max(clock, start);
            if (clock == long.MinValue)
            {
                head.AdvanceTo(start);
            }

            head.Finish(end);
            var notes = new List<string>();
            string? NameOf(IpAddress a)
            {
                if (plan.Tunnel is not null)
                {
                    return null; // the ISP sees the endpoint only
                }

                if (!plan.ConcealDns && original.AddressNames.TryGetValue(a, out var dns))
                {
                    return dns;
                }

                return !plan.ConcealSni && original.SniNames.TryGetValue(a, out var sni) ? sni : null;
            }

            if (plan.Tunnel is not null)
            {
                notes.Add($"every packet goes to the VPN endpoint {plan.Endpoint} ({plan.Tunnel.Name}: +{plan.Tunnel.OverheadBytes} B per packet, MTU {plan.Tunnel.Mtu})");
            }
            else if (plan.Shaper is not null)
            {
                notes.Add($"no tunnel: real packets keep their addresses and cover goes to {CoverAddress}, so the observer can set cover apart");
            }

            if (plan.ConcealDns && plan.Tunnel is null)
            {
                notes.Add(plan.ConcealSni ? "DNS and SNI concealed: no names" : "DNS concealed: names only where a TLS SNI gives them");
            }

            return new SimulationResult(plan, observed.View(NameOf, notes, Undefended()), cost, devices, start, end, injection?.Periods ?? 0);
        }

        // The undefended trace's series by (remote address, device), for the view to hold where a defended stream's
        // bins are the very same (names concealed: every stream). Pairs the trace holds twice are left out.
        private Func<IpAddress, MacAddress, Traffic.Series.RateSeries?>? Undefended()
        {
            if (plan.Tunnel is not null)
            {
                return null;
            }

            var series = new Dictionary<(IpAddress, MacAddress), Traffic.Series.RateSeries?>();
            foreach (var s in original.Streams)
            {
                var key = (s.Remote, s.Device);
                series[key] = series.ContainsKey(key) ? null : s.Rates;
            }

            return (remote, device) => series.GetValueOrDefault((remote, device));
        }

        private static DefenceStage Chain(DefenceStage stage, IWireSink next)
        {
            stage.Next = next;
            return stage;
        }
    }
}
