using Blinds.Attacks.Identification;
using Blinds.Attacks.Observers;
using Blinds.Defences.Costs;
using Blinds.Protocols.Addressing;
using Blinds.Traffic.Series;

namespace Blinds.Defences.Pipeline;

/// <summary>
/// The end of a defence pipeline: what the ISP sees, one stream per remote address with its rate series, and for
/// scoring which devices' real bytes are in each. Without a tunnel, devices sharing a remote address are kept
/// apart, as the ISP projection assumes the observer can by NAT port (paper 000 §4.1): so that the defence "none"
/// scores exactly as the undefended view. Also records each real packet's final delay.
/// </summary>
public sealed class ObservedTraffic(long originNs, long binNs, CostMeter cost, IReadOnlyList<MacAddress> devices, bool separateDevices) : IWireSink
{
    private readonly Dictionary<(IpAddress Remote, int Device), Stream> streams = [];
    private (IpAddress Remote, int Device) lastKey;
    private Stream? last;

    // Bins before this one are final: nothing earlier than the last AdvanceTo will be pushed.
    private int safeBin;

    /// <inheritdoc/>
    public void Push(in WirePacket packet)
    {
        cost.Observed(packet.Up, packet.Bytes);
        var stream = StreamOf(packet);
        if (packet.TimeNs >= originNs && (packet.TimeNs - originNs) / binNs <= int.MaxValue - 1)
        {
            stream.Add((int)((packet.TimeNs - originNs) / binNs), packet.Bytes, 1, packet.Up, safeBin);
        }

        if (packet.Role == PacketRole.Real && packet.Device >= 0)
        {
            stream.RealBytes[packet.Device] += packet.Bytes;
            stream.Real[packet.Device] = true;
            if (packet.Last)
            {
                cost.Delay(packet.Device, packet.TimeNs - packet.ArrivalNs);
            }
        }
    }

    /// <inheritdoc/>
    public void PushCover(in WirePacket cover, ReadOnlySpan<long> times)
    {
        cost.Observed(cover.Up, (long)cover.Bytes * times.Length);
        var stream = StreamOf(cover);

        // As RateSeries.AddMany: one update per bin.
        for (var runs = new BinRuns(times, originNs, binNs); runs.MoveNext();)
        {
            stream.Add(runs.Bin, (long)cover.Bytes * runs.Count, runs.Count, cover.Up, safeBin);
        }
    }

    /// <inheritdoc/>
    public void AdvanceTo(long timeNs)
    {
        if (timeNs > originNs)
        {
            safeBin = Math.Max(safeBin, (int)Math.Min(int.MaxValue, (timeNs - originNs) / binNs));
        }
    }

    /// <inheritdoc/>
    /// <remarks>Series end at their last packet, as the undefended projection's do: the identity defence must score exactly as no defence.</remarks>
    public void Finish(long endNs)
    {
    }

    /// <summary>
    /// The ISP's view: one entity per remote address, named by <paramref name="nameOf"/> (null: no name visible).
    /// Streams that carry no real byte (cover only) are kept: the observer sees them too.
    /// </summary>
    public ObserverView View(Func<IpAddress, string?> nameOf, IReadOnlyList<string> notes) => View(nameOf, notes, null);

    /// <summary>
    /// As <see cref="View(Func{IpAddress, string?}, IReadOnlyList{string})"/>; where <paramref name="undefended"/>
    /// gives a series for a stream's (remote address, device) that holds the very bins the defended stream does
    /// (<see cref="RateSeries.SameBins"/>, checked), the view holds that series instead of its own copy. A defence that
    /// leaves a stream's timing alone (concealing names) then adds no memory for it, and what was found in the
    /// undefended series (<see cref="Evaluation.ViewActivities"/>) is found once.
    /// </summary>
    public ObserverView View(Func<IpAddress, string?> nameOf, IReadOnlyList<string> notes, Func<IpAddress, MacAddress, RateSeries?>? undefended)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        var shared = streams.Keys.GroupBy(k => k.Remote).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var entities = streams.OrderBy(kv => kv.Key.Remote).ThenBy(kv => kv.Key.Device).Select(kv =>
        {
            var rates = kv.Value.Complete();
            if (separateDevices && kv.Key.Device >= 0 && undefended?.Invoke(kv.Key.Remote, devices[kv.Key.Device]) is { } same && same.SameBins(rates))
            {
                rates = same;
            }

            // The devices with real packets in it, and the one with the most real bytes (the lowest index of a tie).
            var (real, bytes) = (kv.Value.Real, kv.Value.RealBytes);
            var inside = Enumerable.Range(0, real.Length).Where(i => real[i]).ToArray();
            var dominant = inside.Length == 0 ? default : devices[inside.MaxBy(i => (bytes[i], -i))];
            var name = nameOf(kv.Key.Remote);
            var id = shared.Contains(kv.Key.Remote) ? $"{kv.Key.Remote} #{kv.Key.Device + 1}" : kv.Key.Remote.ToString();
            return new ObservedEntity(id, dominant, null, kv.Key.Remote, rates, name is null ? DeviceNames.Empty : DeviceNames.FromNames([name]))
            {
                Contributors = inside.Select(i => devices[i]).ToHashSet(),
            };
        }).ToArray();
        return new ObserverView(ObserverKind.Isp, entities, notes);
    }

    private Stream StreamOf(in WirePacket packet)
    {
        var key = (packet.Remote, separateDevices ? packet.Device : -1);
        if (last is null || key != lastKey)
        {
            if (!streams.TryGetValue(key, out last))
            {
                last = new Stream(new RateSeries(originNs, binNs), devices.Count);
                streams.Add(key, last);
            }

            lastKey = key;
        }

        return last;
    }

    // Real bytes by device index in arrays, not a dictionary: every real packet of every defence updates one. The
    // bins not yet final wait in a small window before they go to the series in bin order: a shaper sends all its
    // slots one way up to a time, then the other way's, so written straight to the series every other bin came late
    // (merged into the written ones again and again: a third of the time a padding simulation spent binning). A
    // bin before the window (a pipeline pushing earlier than it said) goes to the series directly, which takes late
    // bins: the series holds the very bins either way.
    private sealed class Stream(RateSeries rates, int devices)
    {
        private RateBin[] window = new RateBin[16];
        private int head; // the window's slot of bin `first`
        private int first;
        private int span; // bins from `first` the window covers, 0 when empty

        public long[] RealBytes { get; } = new long[devices];

        public bool[] Real { get; } = new bool[devices];

        public void Add(int bin, long bytes, int packets, bool up, int safeBin)
        {
            Flush(safeBin);
            if (span > 0 && bin < first)
            {
                rates.AddBin(bin, up ? bytes : 0, up ? 0 : bytes, up ? packets : 0, up ? 0 : packets);
                return;
            }

            if (span == 0)
            {
                (first, head) = (bin, 0);
            }

            var offset = bin - first;
            if (offset >= window.Length)
            {
                Grow(offset + 1);
            }

            span = Math.Max(span, offset + 1);
            ref var b = ref window[(head + offset) % window.Length];
            if (up)
            {
                b.BytesUp += bytes;
                b.PacketsUp += packets;
            }
            else
            {
                b.BytesDown += bytes;
                b.PacketsDown += packets;
            }
        }

        // Every bin written, in bin order, and the series compact (complete: the room kept for more given back).
        public RateSeries Complete()
        {
            Flush(int.MaxValue);
            rates.Compact();
            return rates;
        }

        // Writes the window's bins before `below` (non-empty ones: a packet counted in each) in bin order.
        private void Flush(int below)
        {
            while (span > 0 && first < below)
            {
                ref var b = ref window[head];
                if (b.PacketsUp + b.PacketsDown > 0)
                {
                    rates.AddBin(first, b.BytesUp, b.BytesDown, b.PacketsUp, b.PacketsDown);
                    b = default;
                }

                head = (head + 1) % window.Length;
                first++;
                span--;
            }
        }

        private void Grow(int needed)
        {
            var grown = new RateBin[Math.Max(needed, window.Length * 2)];
            for (var k = 0; k < span; k++)
            {
                grown[k] = window[(head + k) % window.Length];
            }

            (window, head) = (grown, 0);
        }
    }
}
