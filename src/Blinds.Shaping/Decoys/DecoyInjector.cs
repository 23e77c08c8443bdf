using System.Collections.Concurrent;

using Blinds.Shaping.Cells;

namespace Blinds.Shaping.Decoys;

/// <summary>
/// Turns decoys into decoy packets at their times, as the simulation's <c>InjectionStage</c> does: each second of a
/// burst becomes packets of at most 1,514 frame bytes spread evenly over that second (IP length = frame − 14, the
/// TUN device carries no Ethernet). The gateway's come from its <see cref="DecoyPlan"/>; the first packet of each
/// second carries the burst's download bytes for that second as a request, which the endpoint turns into its own
/// decoy packets over the next second (<see cref="Request"/>). One thread; it emits through a callback that queues
/// the packet (padded path) or sends its cells at once (unpadded).
/// </summary>
public sealed class DecoyInjector : IDisposable
{
    private const int MaxFrame = 1514; // the simulation's injected packet: 1,448 bytes of payload + 66 of headers
    private readonly DecoyPlan? plan;
    private readonly Action<int, uint> emit;
    private readonly ConcurrentQueue<(long AtNs, uint Bytes)> requests = new();
    private readonly PriorityQueue<(int Length, uint Request), (long, long)> pending = new();
    private readonly Thread thread;
    private IEnumerator<DecoyBurst>? bursts;
    private DecoyBurst? next;
    private long order;
    private long nextStartNs = long.MaxValue;
    private volatile bool stopping;

    /// <summary>An injector for <paramref name="plan"/> (gateway) or only answering requests (null: endpoint).</summary>
    /// <param name="plan">The gateway's decoys; null at the endpoint.</param>
    /// <param name="emit">Called on the injector's thread with a decoy packet's IP length and the download bytes it asks for.</param>
    public DecoyInjector(DecoyPlan? plan, Action<int, uint> emit)
    {
        this.plan = plan;
        this.emit = emit ?? throw new ArgumentNullException(nameof(emit));
        thread = new Thread(Run) { IsBackground = true, Name = "blinds decoys" };
    }

    /// <summary>Decoy bursts started (gateway) or requests answered (endpoint).</summary>
    public long Bursts => Interlocked.Read(ref started);

    /// <summary>Decoy packets emitted.</summary>
    public long Packets => Interlocked.Read(ref packets);

    /// <summary>The next decoy's start (gateway), null when none is planned or at the endpoint.</summary>
    public DateTimeOffset? NextStart => Interlocked.Read(ref nextTicks) is > 0 and var t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private long started;
    private long packets;
    private long nextTicks; // UTC ticks of the next decoy's start, 0 for none: read by the counters' thread

    /// <summary>Starts the thread.</summary>
    public void Start() => thread.Start();

    /// <summary>The far end asked for <paramref name="bytes"/> decoy bytes over the next second (any thread).</summary>
    public void Request(uint bytes)
    {
        if (bytes > 0)
        {
            requests.Enqueue((MonoClock.Now(), bytes));
        }
    }

    /// <summary>Stops the thread.</summary>
    public void Dispose()
    {
        stopping = true;
        if (thread.IsAlive)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }

        bursts?.Dispose();
    }

    /// <summary>
    /// The decoy packets of one second of <paramref name="bytes"/> frame bytes starting at <paramref name="startNs"/>:
    /// (time, IP length), as the simulation splits a second. Static for tests.
    /// </summary>
    public static IEnumerable<(long AtNs, int Length)> Split(long startNs, long bytes)
    {
        var count = (int)((bytes + MaxFrame - 1) / MaxFrame);
        for (var i = 0; i < count; i++)
        {
            var size = (int)Math.Min(MaxFrame, bytes - ((long)i * MaxFrame));
            yield return (startNs + (i * 1_000_000_000L / Math.Max(1, count)), Math.Max(1, size - ShapeDeployment.EthernetBytes));
        }
    }

    private void Run()
    {
        if (plan is not null)
        {
            bursts = plan.Between(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(10)).GetEnumerator();
            Advance();
        }

        while (!stopping)
        {
            var now = MonoClock.Now();
            while (requests.TryDequeue(out var r))
            {
                Interlocked.Increment(ref started);
                foreach (var (at, length) in Split(r.AtNs, r.Bytes))
                {
                    pending.Enqueue((length, 0), (at, order++));
                }
            }

            // A burst is laid out two seconds before it starts: its wall-clock start mapped onto the monotonic clock then.
            while (next is not null && nextStartNs <= now + 2_000_000_000L)
            {
                Lay(next, nextStartNs);
                Advance();
            }

            while (pending.TryPeek(out var p, out var key) && key.Item1 <= now)
            {
                pending.Dequeue();
                Interlocked.Increment(ref packets);
                emit(p.Length, p.Request);
            }

            // Requests and the next burst are looked at every 50 ms at most.
            MonoClock.SleepUntil(Math.Min(now + 50_000_000L, pending.TryPeek(out _, out var k) ? k.Item1 : long.MaxValue));
        }
    }

    private void Advance()
    {
        next = bursts!.MoveNext() ? bursts.Current : null;
        Interlocked.Exchange(ref nextTicks, next?.Start.UtcTicks ?? 0);
        nextStartNs = next is null ? long.MaxValue : MonoClock.Now() + (long)((next.Start - DateTimeOffset.UtcNow).TotalMilliseconds * 1e6);
    }

    private void Lay(DecoyBurst burst, long startNs)
    {
        Interlocked.Increment(ref started);
        for (var s = 0; s < burst.Up.Count; s++)
        {
            var second = startNs + (s * 1_000_000_000L);
            var down = (uint)Math.Min(CellFormat.MaxDecoyRequest, burst.Down[s]);
            var first = true;
            foreach (var (at, length) in Split(second, burst.Up[s]))
            {
                pending.Enqueue((length, first ? down : 0u), (at, order++));
                first = false;
            }

            if (first && down > 0)
            {
                // Nothing up this second but bytes down: one small packet asks for them (real downloads are asked for too).
                pending.Enqueue((1, down), (second, order++));
            }
        }
    }
}
