using Blinds.Traffic.Series;

namespace Blinds.Attacks.Identification;

/// <summary>
/// Paper 002 §5.1's traffic-rate features: a device's bytes (sent and received) in consecutive s-second samples,
/// cut into w-second windows, each window described by the mean and standard deviation of its samples.
/// </summary>
public static class RateWindows
{
    /// <summary>
    /// Feature vectors (mean, std of bytes per sample) for each whole window of <paramref name="windowSeconds"/>
    /// in <paramref name="series"/>, with samples of <paramref name="sampleSeconds"/> summed from the series' bins.
    /// The sample must be a whole number of bins and the window a whole number of samples.
    /// </summary>
    public static List<double[]> Features(RateSeries series, int sampleSeconds, int windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(series);
        var binSeconds = series.BinNs / 1_000_000_000.0;
        var binsPerSample = (int)Math.Round(sampleSeconds / binSeconds);
        if (binsPerSample < 1 || Math.Abs((binsPerSample * binSeconds) - sampleSeconds) > 1e-9)
        {
            throw new ArgumentException($"a {sampleSeconds} s sample is not a whole number of {binSeconds} s bins", nameof(sampleSeconds));
        }

        if (windowSeconds < sampleSeconds || windowSeconds % sampleSeconds != 0)
        {
            throw new ArgumentException($"a {windowSeconds} s window is not a whole number of {sampleSeconds} s samples", nameof(windowSeconds));
        }

        var samplesPerWindow = windowSeconds / sampleSeconds;
        var samples = series.SampleBytes(binsPerSample);
        var windows = series.Count / (binsPerSample * samplesPerWindow);
        var result = new List<double[]>(windows);
        for (var w = 0; w < windows; w++)
        {
            double sum = 0, sumSq = 0;
            for (var s = w * samplesPerWindow; s < (w + 1) * samplesPerWindow; s++)
            {
                double bytes = samples[s];
                sum += bytes;
                sumSq += bytes * bytes;
            }

            var mean = sum / samplesPerWindow;
            var variance = Math.Max(0, (sumSq / samplesPerWindow) - (mean * mean));
            result.Add([mean, Math.Sqrt(variance)]);
        }

        return result;
    }
}
