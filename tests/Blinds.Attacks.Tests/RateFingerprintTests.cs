using Blinds.Attacks.Identification;
using Blinds.Capture;
using Blinds.Lab;
using Blinds.Traffic;

using FsCheck.Xunit;

using Xunit;
using Xunit.Abstractions;

namespace Blinds.Attacks.Tests;

public class RateFingerprintTests(ITestOutputHelper output)
{
    private static readonly Lazy<Trace> PaperLab = new(() =>
    {
        var ms = new MemoryStream();
        var w = new PcapNgWriter(ms, LinkType.Ethernet);
        new HomeSimulator(Presets.PaperLab(1)).Run((t, f) => w.Write(t, f));
        var builder = new TraceBuilder(new TraceOptions { Bin = TimeSpan.FromSeconds(1) });
        using var r = CaptureReader.Open(new MemoryStream(ms.ToArray()), builder.Log, "paper-lab");
        builder.Read(r);
        return builder.Build();
    });

    /// <summary>
    /// Paper 002 Fig. 4: 3-NN on (mean, std) of s-second samples in w-second windows, 10-fold stratified CV, on the
    /// lab's version of its experiment (7 devices, 2 hours, an activity every 2 minutes).
    /// </summary>
    [Fact]
    public void Rate_windows_identify_the_paper_lab_devices()
    {
        var labels = Presets.PaperLab(1).Devices.ToDictionary(d => d.Mac, d => d.Name);
        var cells = RateFingerprintGrid.Evaluate(PaperLab.Value, labels, [60, 120, 300, 600], [1, 5, 10, 30], [3]);
        foreach (var c in cells)
        {
            output.WriteLine($"w={c.WindowSeconds,4} s={c.SampleSeconds,3} k={c.K}: {c.Result.Accuracy:P1} [{c.Result.Low:P1}, {c.Result.High:P1}] chance {c.Result.Chance:P1}, {c.Result.Samples} windows");
        }

        Assert.Equal(16, cells.Count);
        Assert.All(cells, c => Assert.Equal(7, c.Result.Classes));
        Assert.All(cells, c => Assert.InRange(c.Result.Chance, 0.14, 0.15));
        // The paper's claim ("greater than 95% for a range of w and s") holds on the lab for windows up to 5 minutes at
        // every sample interval. Ten-minute windows leave 12 windows per device in two hours and measured 92.9-96.4%:
        // far above chance (14.3%), asserted as such, not tuned up.
        Assert.All(cells.Where(c => c.WindowSeconds <= 300), c => Assert.True(c.Result.Accuracy >= 0.95, $"w={c.WindowSeconds} s={c.SampleSeconds}: {c.Result.Accuracy:P1}"));
        Assert.All(cells, c => Assert.True(c.Result.Accuracy >= 0.85, $"w={c.WindowSeconds} s={c.SampleSeconds}: {c.Result.Accuracy:P1}"));
    }

    /// <summary>
    /// Issue 18 item 4: `fingerprint eval` and `identify --labels` score the same windows, so on the same capture and
    /// (w, s, k) they give the same figure; silent windows are left out by both and counted.
    /// </summary>
    [Fact]
    public void Fingerprint_eval_and_identify_labels_agree_and_say_how_many_silent_windows_they_left_out()
    {
        var labels = Presets.PaperLab(1).Devices.ToDictionary(d => d.Mac, d => d.Name);
        // A device that never talks to the internet in some windows: the Echo only when asked.
        var cell = Assert.Single(RateFingerprintGrid.Evaluate(PaperLab.Value, labels, [300], [10], [3]));
        var view = Observers.Observer.Project(PaperLab.Value, Observers.ObserverKind.Lan);
        var identify = ViewEvaluation.Evaluate(view, labels, new ViewEvaluationOptions { WindowSeconds = 300, SampleSeconds = 10, K = 3 });
        Assert.NotNull(identify.Rates);
        Assert.Equal(cell.Result.Accuracy, identify.Rates.Accuracy, 12);
        Assert.Equal(cell.Result.Samples, identify.Rates.Samples);
        Assert.Equal(cell.SilentWindows, identify.SilentWindows);
        var all = PaperLab.Value.HomeDevices.Where(d => d.Rates is not null && labels.ContainsKey(d.Mac)).Sum(d => RateWindows.Features(d.Rates!, 10, 300).Count);
        Assert.Equal(all, cell.Result.Available + cell.SilentWindows);
    }

    [Fact]
    public void Windows_hold_the_mean_and_spread_of_their_samples()
    {
        var series = new Traffic.Series.RateSeries(0, 1_000_000_000);
        long[] bytes = [10, 30, 10, 30, 0, 0, 0, 0, 99];
        for (var i = 0; i < bytes.Length; i++)
        {
            series.Add(i * 1_000_000_000L, (int)bytes[i], up: i % 2 == 0);
        }

        var f = RateWindows.Features(series, 2, 4);
        Assert.Equal(2, f.Count); // the ninth second makes no whole window
        Assert.Equal([40.0, 0.0], f[0]);
        Assert.Equal([0.0, 0.0], f[1]);
        Assert.Throws<ArgumentException>(() => RateWindows.Features(series, 2, 5));
    }

    [Fact]
    public void Nearest_neighbours_votes_and_breaks_ties_by_distance()
    {
        double[][] points = [[1, 1], [1.1, 1], [100, 100], [110, 100], [105, 99]];
        int[] labels = [0, 0, 1, 1, 1];
        var knn = new NearestNeighbours(points, labels, 3);
        Assert.Equal(0, knn.Predict([1.05, 1]));
        Assert.Equal(1, knn.Predict([101, 100]));
        var one = new NearestNeighbours(points, labels, 1);
        Assert.Equal(0, one.Predict([2, 2]));
    }

    /// <summary>Separable classes are found; labels carrying no information are not (accuracy near chance), whatever the seed.</summary>
    [Property(MaxTest = 20)]
    public bool Cross_validation_is_honest(int seed)
    {
        var rng = new Random(seed);
        var points = new List<double[]>();
        var separable = new List<int>();
        var shuffled = new List<int>();
        for (var i = 0; i < 120; i++)
        {
            var c = i % 3;
            points.Add([Math.Pow(10, c + 1) * (1 + (0.1 * rng.NextDouble())), 5 * (1 + rng.NextDouble())]);
            separable.Add(c);
            shuffled.Add(rng.Next(3));
        }

        var good = CrossValidation.KNearest(points, separable, 3, 10, seed);
        var noise = CrossValidation.KNearest(points, shuffled, 3, 10, seed);
        return good.Accuracy > 0.98 && noise.Accuracy < 0.6 && good.Low <= good.Accuracy && good.High >= good.Accuracy;
    }
}
