using System.Runtime.ExceptionServices;

namespace Blinds.Traffic;

/// <summary>
/// Independent pieces of work (cross-validation folds, defences to score, devices to search) on several cores,
/// bounded to one thread per core the process may use (taskset and container limits count), and failing as a loop
/// would: with the first piece's own exception, not an <see cref="AggregateException"/> around it.
/// </summary>
public static class Parallelism
{
    /// <summary>Options bounding a parallel loop to the cores the process may use.</summary>
    public static ParallelOptions Options => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/>, on several cores, in no set order.</summary>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            Parallel.For(0, count, Options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
