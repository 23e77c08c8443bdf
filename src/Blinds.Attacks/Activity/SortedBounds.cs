namespace Blinds.Attacks.Activity;

/// <summary>Bisection in sorted values: where a value would go, before (lower) or after (upper) its equals.</summary>
internal static class SortedBounds
{
    /// <summary>The first index whose value is at least <paramref name="v"/>.</summary>
    public static int Lower(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose value is above <paramref name="v"/>.</summary>
    public static int Upper(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
