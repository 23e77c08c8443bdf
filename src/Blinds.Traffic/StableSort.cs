namespace Blinds.Traffic;

/// <summary>
/// A stable merge sort of an array by a "goes first" test. Hand-written because it runs on the start path of short
/// commands: <c>OrderBy</c> and <c>Array.Sort</c> with a comparer are framework generics that are JIT-compiled at
/// every start when instantiated over another assembly's types, while this one is precompiled with Blinds.Traffic.
/// </summary>
public static class StableSort
{
    /// <summary>Sorts <paramref name="items"/> in place so that x comes before y where <paramref name="before"/>(x, y) holds; items that tie keep their order.</summary>
    public static void Sort<T>(T[] items, Func<T, T, bool> before)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(before);
        if (items.Length > 1)
        {
            Sort(items, new T[items.Length], 0, items.Length, before);
        }
    }

    private static void Sort<T>(T[] a, T[] scratch, int from, int to, Func<T, T, bool> before)
    {
        if (to - from < 2)
        {
            return;
        }

        var mid = (from + to) >>> 1;
        Sort(a, scratch, from, mid, before);
        Sort(a, scratch, mid, to, before);
        int l = from, r = mid, o = from;
        while (l < mid && r < to)
        {
            // The right run's item goes first only where it strictly must: ties keep the left (earlier) item first.
            scratch[o++] = before(a[r], a[l]) ? a[r++] : a[l++];
        }

        while (l < mid)
        {
            scratch[o++] = a[l++];
        }

        while (r < to)
        {
            scratch[o++] = a[r++];
        }

        Array.Copy(scratch, from, a, from, to - from);
    }
}
