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

    /// <inheritdoc/>
    public void Push(in WirePacket packet)
    {
        cost.Observed(packet.Up, packet.Bytes);
        var stream = StreamOf(packet);
        (packet.Up ? stream.Up : stream.Down).Add(packet.TimeNs, packet.Bytes, packet.Up);
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
        (cover.Up ? stream.Up : stream.Down).AddMany(times, cover.Bytes, cover.Up);
    }

    /// <inheritdoc/>
    public void AdvanceTo(long timeNs)
    {
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
    public ObserverView View(Func<IpAddress, string?> nameOf, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        var shared = streams.Keys.GroupBy(k => k.Remote).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var entities = streams.OrderBy(kv => kv.Key.Remote).ThenBy(kv => kv.Key.Device).Select(kv =>
        {
            var rates = kv.Value.Rates();
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
                last = new Stream(originNs, binNs, devices.Count);
                streams.Add(key, last);
            }

            lastKey = key;
        }

        return last;
    }

    // Real bytes by device index in arrays, not a dictionary: every real packet of every defence updates one. Each
    // direction has a series of its own while packets come: a shaper sends all its slots one way up to a time, then
    // the other way's, so one series for both saw every other bin arrive late (merged again and again: a third of
    // the time a padding simulation spent binning). Each direction is in time order; both are summed bin by bin
    // when the view is taken, into the very bins one series would hold.
    private sealed class Stream(long originNs, long binNs, int devices)
    {
        private RateSeries? up = new(originNs, binNs);
        private RateSeries? down = new(originNs, binNs);
        private RateSeries? both;

        public RateSeries Up => up ?? throw new InvalidOperationException("the view was taken");

        public RateSeries Down => down ?? throw new InvalidOperationException("the view was taken");

        public long[] RealBytes { get; } = new long[devices];

        public bool[] Real { get; } = new bool[devices];

        // Both directions in one series, compact (complete: the room kept for more bins given back).
        public RateSeries Rates()
        {
            if (both is null)
            {
                both = new RateSeries(originNs, binNs);
                var a = Up.Bins.GetEnumerator();
                var b = Down.Bins.GetEnumerator();
                var (hasA, hasB) = (a.MoveNext(), b.MoveNext());
                while (hasA || hasB)
                {
                    var index = !hasB || (hasA && a.Current.Index <= b.Current.Index) ? a.Current.Index : b.Current.Index;
                    var bin = new RateBin(index, 0, 0, 0, 0);
                    if (hasA && a.Current.Index == index)
                    {
                        bin = a.Current;
                        hasA = a.MoveNext();
                    }

                    if (hasB && b.Current.Index == index)
                    {
                        var d = b.Current;
                        bin = bin with { BytesUp = bin.BytesUp + d.BytesUp, BytesDown = bin.BytesDown + d.BytesDown, PacketsUp = bin.PacketsUp + d.PacketsUp, PacketsDown = bin.PacketsDown + d.PacketsDown };
                        hasB = b.MoveNext();
                    }

                    both.AddBin(index, bin.BytesUp, bin.BytesDown, bin.PacketsUp, bin.PacketsDown);
                }

                both.Compact();
                (up, down) = (null, null);
            }

            return both;
        }
    }
}
