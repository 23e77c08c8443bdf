using Blinds.Defences.Stages;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>The shaper's fast generator: reproducible, and its Gaussians those of N(0, 1) to the precision a million draws tell.</summary>
public class SlotRandomTests
{
    [Fact]
    public void The_same_seed_gives_the_same_draws_and_another_seed_others()
    {
        var a = new SlotRandom(7);
        var b = new SlotRandom(7);
        var c = new SlotRandom(8);
        var fromA = Enumerable.Range(0, 1000).Select(_ => a.NextGaussian()).ToArray();
        Assert.Equal(fromA, Enumerable.Range(0, 1000).Select(_ => b.NextGaussian()));
        Assert.NotEqual(fromA, Enumerable.Range(0, 1000).Select(_ => c.NextGaussian()));
    }

    [Fact]
    public void Draws_have_the_moments_of_their_distributions()
    {
        const int n = 1_000_000;
        var r = new SlotRandom(1);
        double sum = 0, sumSq = 0, sum4 = 0, uniform = 0;
        var below = 0;
        for (var i = 0; i < n; i++)
        {
            var g = r.NextGaussian();
            sum += g;
            sumSq += g * g;
            sum4 += g * g * g * g;
            below += g < -1.959964 ? 1 : 0;
            var u = r.NextDouble();
            Assert.InRange(u, 0, 0.9999999999999999);
            uniform += u;
        }

        var mean = sum / n;
        var variance = (sumSq / n) - (mean * mean);
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.InRange(sum4 / n, 2.9, 3.1); // kurtosis of a normal: 3
        Assert.InRange(below / (double)n, 0.0235, 0.0265); // 2.5% below the 2.5th percentile
        Assert.InRange(uniform / n, 0.499, 0.501);
    }
}
