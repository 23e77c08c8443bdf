using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

using Blinds.Traffic;

namespace Blinds.Defences.Simulation;

/// <summary>
/// Several consumers of one packet stream on several cores without changing what any of them computes: the reader
/// hands packets over in chunks, each chunk goes through every consumer (consumers in parallel, one thread each at a
/// time), and every consumer sees every packet in the reader's order. The reader fills the next chunk meanwhile; at
/// most <see cref="InFlight"/> chunks wait, so memory stays bounded whatever the capture's length.
/// </summary>
/// <typeparam name="T">What one packet carries to the consumers.</typeparam>
internal sealed class ChunkedFanOut<T> : IDisposable
    where T : struct
{
    /// <summary>Chunks handed over but not yet consumed, at most.</summary>
    public const int InFlight = 4;

    private const int ChunkSize = 1 << 14;

    private readonly Action<T[], int>[] consumers;
    private readonly BlockingCollection<(T[] Items, int Count)> full = new(InFlight);
    private readonly ConcurrentBag<T[]> free = [];
    private readonly Task worker;
    private ExceptionDispatchInfo? failure;
    private T[] chunk = new T[ChunkSize];
    private int count;

    /// <summary>Starts the consumers' thread; each consumer gets (packets, how many) chunk by chunk, in order.</summary>
    public ChunkedFanOut(Action<T[], int>[] consumers)
    {
        this.consumers = consumers;
        worker = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Queues one packet (on the reader's thread).</summary>
    public void Add(in T packet)
    {
        chunk[count++] = packet;
        if (count == chunk.Length)
        {
            Hand();
        }
    }

    /// <summary>Waits until every queued packet went through every consumer; rethrows what a consumer threw.</summary>
    public void Complete()
    {
        if (count > 0)
        {
            Hand();
        }

        full.CompleteAdding();
        worker.Wait();
        failure?.Throw();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!full.IsAddingCompleted)
        {
            full.CompleteAdding();
        }

        // Consume catches what the consumers throw (Complete rethrows it), so this wait only waits.
        worker.Wait();
        full.Dispose();
    }

    private void Hand()
    {
        full.Add((chunk, count));
        chunk = free.TryTake(out var reused) ? reused : new T[ChunkSize];
        count = 0;
    }

    private void Consume()
    {
        foreach (var (items, n) in full.GetConsumingEnumerable())
        {
            if (failure is null)
            {
                try
                {
                    Parallelism.For(consumers.Length, i => consumers[i](items, n));
                }
#pragma warning disable CA1031 // rethrown on the reader's thread by Complete: a consumer's failure must not leave the reader blocked
                catch (Exception e)
#pragma warning restore CA1031
                {
                    // Later chunks are taken and dropped so that the reader never waits on a full queue.
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            }

            free.Add(items);
        }
    }
}
