namespace Blinds.Defences.Stages;

/// <summary>
/// The shaper's seeded randomness, written for its hot loop: every slot draws its send time, and a week of padding at
/// 100 KB/s is 240 million slots. A seeded <see cref="Random"/> (the legacy algorithm) with Box–Muller took about
/// 40 ns a slot, 85% of a padding simulation; with xoshiro256** (Blackman and Vigna) seeded by SplitMix64, and
/// Gaussians read from a table of 4,096 equiprobable normal quantiles, a whole slot takes under 10 ns. The table makes
/// the jitter a 4,096-level discretisation of N(0, 1) cut at ±3.5σ: at a 1% jitter on a 50 ms slot interval its steps
/// are about a microsecond, far below the millisecond timer jitter of a real shaper (docs/shaping.md).
/// </summary>
internal sealed class SlotRandom
{
    /// <summary>How many levels the normal draw takes: <see cref="NextGaussian"/> is <see cref="Level"/> of <see cref="NextLevel"/>.</summary>
    public const int Levels = 1 << LevelBits;

    private const int LevelBits = 12;
    private static readonly double[] Normal = Quantiles(1 << LevelBits);
    private ulong s0, s1, s2, s3;

    /// <summary>Creates a generator; the same seed gives the same sequence.</summary>
    public SlotRandom(int seed)
    {
        var x = (ulong)(uint)seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The standard normal value of level <paramref name="level"/>.</summary>
    public static double Level(int level) => Normal[level];

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal, discretised (see the class).</summary>
    public double NextGaussian() => Normal[NextLevel()];

    /// <summary>The index of the next normal draw (0 to <see cref="Levels"/> - 1), advancing the generator as <see cref="NextGaussian"/> does.</summary>
    public int NextLevel() => (int)(Next() >> (64 - LevelBits));

    private ulong Next()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double Horner(double[] coefficients, double x)
    {
        var v = 0.0;
        foreach (var k in coefficients)
        {
            v = (v * x) + k;
        }

        return v;
    }

    private static double[] Quantiles(int levels)
    {
        var table = new double[levels];
        for (var i = 0; i < levels; i++)
        {
            table[i] = InverseNormal((i + 0.5) / levels);
        }

        return table;
    }

    // Acklam's rational approximation of the normal quantile (relative error below 1.2e-9): the table is built once.
    private static double InverseNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        if (p > 1 - low)
        {
            return -InverseNormal(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return Horner(a, s) * r / ((Horner(b, s) * s) + 1);
    }
}
