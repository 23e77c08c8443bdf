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

        // From the stored (non-empty) bins only: a dense array of samples as long as the capture, per entity and per
        // window size, made weeks-long audits allocate gigabytes. An empty sample adds exactly 0 to both sums, so
        // adding only the non-empty ones, in the same order, gives the very same figures.
        var samplesPerWindow = windowSeconds / sampleSeconds;
        var binsPerWindow = (long)binsPerSample * samplesPerWindow;
        var windows = (int)(series.Count / binsPerWindow);
        var sums = new double[windows];
        var squares = new double[windows];
        var sample = -1L;
        long total = 0;
        void Flush()
        {
            var w = sample / samplesPerWindow;
            if (sample >= 0 && w < windows)
            {
                double bytes = total;
                sums[w] += bytes;
                squares[w] += bytes * bytes;
            }
        }

        foreach (ref readonly var b in series.Bins)
        {
            var at = b.Index / binsPerSample;
            if (at != sample)
            {
                Flush();
                (sample, total) = (at, 0);
            }

            total += b.Bytes;
        }

        Flush();
        var result = new List<double[]>(windows);
        for (var w = 0; w < windows; w++)
        {
            var mean = sums[w] / samplesPerWindow;
            var variance = Math.Max(0, (squares[w] / samplesPerWindow) - (mean * mean));
            result.Add([mean, Math.Sqrt(variance)]);
        }

        return result;
    }
}
