namespace Blinds.Attacks.Activity;

/// <summary>
/// Parameters of <see cref="EventDetector"/>. The defaults were chosen once, by leave-one-capture-out over every
/// labelled real capture and the lab presets (scripts/activity-cv.sh, results/activity-cv.md), never per file.
/// </summary>
public sealed record EventDetectorOptions
{
    /// <summary>A sample counts as traffic above the floor at floor + this many robust standard deviations (1.4826 MAD) of all samples.</summary>
    public double Sigmas { get; init; } = 6;

    /// <summary>...and above this multiple of the floor: for a chatty device (a camera's steady upload) the floor is its median sample.</summary>
    public double MinRatio { get; init; } = 3;

    /// <summary>Bursts left after the heartbeats are removed and closer than this join one event (a question is an upload, a pause, then the answer).</summary>
    public TimeSpan MergeGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bins are summed into samples of this length first: a camera's steady upload is Poisson-like per second (a
    /// third of its seconds would cross any per-second threshold), but smooth over five.
    /// </summary>
    public TimeSpan Sample { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A burst is an event only when it carries more than this many times the heartbeat envelope: the threshold is in the device's own units.</summary>
    public double EnvelopeFactor { get; init; } = 3;

    /// <summary>The heartbeat envelope is this quantile of the sizes of the device's periodic bursts.</summary>
    public double EnvelopeQuantile { get; init; } = 0.9;

    /// <summary>Two bursts are the same heartbeat's when their sizes differ by less than this factor.</summary>
    public double SimilarSize { get; init; } = 1.6;

    /// <summary>Relative width of the period histogram's bins (and the jitter a heartbeat may have): 10%.</summary>
    public double PeriodTolerance { get; init; } = 0.1;

    /// <summary>
    /// A period is a heartbeat only if at least this share of the repetitions it would make over the device's span
    /// (first to last traffic) is seen (and at least <see cref="MinBeats"/> times): a heartbeat recurs through the
    /// span, a few clips that happen to be a day apart do not.
    /// </summary>
    public double PeriodCover { get; init; } = 0.25;

    /// <summary>
    /// ...and only if it was seen at least this many times: a routine of the user's (a plug switched every quarter of
    /// an hour in the lab, a lamp every evening of a week) repeats too, but fewer times than a heartbeat does.
    /// </summary>
    public int MinBeats { get; init; } = 10;

    /// <summary>
    /// Bursts of one size class that come more often than this per hour (and at least <see cref="MinBeats"/> times)
    /// are background even without a period: nobody switches a plug every ten minutes all day (the lab's busiest user acts every quarter hour), but a heartbeat
    /// spread over several servers (what an ISP sees of one stream) has no period on any one of them.
    /// </summary>
    public double BackgroundPerHour { get; init; } = 6;

    /// <summary>
    /// A heartbeat period, or a size class that is background without one, must have bursts in at least this share of
    /// the windows of the device's span (an hour, or twice the period if longer): heartbeats go on through night and
    /// day, while a user's routine, however regular (a camera's motion every two hours in the lab), keeps to part of
    /// the day, and a heartbeat a stream gets only now and then (an ISP's view of a device's second server) still
    /// turns up in most hours.
    /// </summary>
    public double RecurrenceCover { get; init; } = 0.75;

    /// <summary>
    /// Over a span of two days or more, a size class of bursts that leaves no quiet stretch of this many hours in the
    /// day (at least <see cref="MinBeats"/> of them, no period explaining them) is the device's own: its syncs come day
    /// and night, a user sleeps (a lock's eight-kilobyte syncs at every hour of a week; its unlocks keep to the
    /// afternoon and evening). 0 turns the rule off.
    /// </summary>
    public double QuietHours { get; init; } = 6;

    /// <summary>
    /// An event whose traffic (at the series' own bins, 1 s) falls silent for at least this long splits into the
    /// exchanges on either side, each of which carries more than the device's unit and at least a tenth of the
    /// event's largest exchange (a camera's keep-alives after a clip are its tail): two toggles 8 s apart are two
    /// exchanges with a pause between them, although no 5 s sample between them is empty. Silent: a bin carrying no
    /// more than the device's floor. <see cref="TimeSpan.Zero"/> turns the rule off. 2 s was chosen by
    /// leave-one-capture-out (results/activity-cv.md), over 0 and, in a first run, 4 s.
    /// </summary>
    public TimeSpan SplitSilence { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Off-schedule heartbeats: when a device keeps a schedule (periods learned within the narrow size class), a 5 s
    /// sample off that schedule, larger than the heartbeat envelope but not by <see cref="EnvelopeFactor"/>, is an
    /// event (a plug reporting each toggle or setting with an exchange about twice its heartbeat). Samples, not runs
    /// of them: a run can join a beat to the device's own exchange next to it (its hourly DNS lookups, which the
    /// Wi-Fi view counts and the LAN's internet view does not), and the pair has neither's size. A sample that holds
    /// a beat by its time is judged by what it carries over the envelope, and is the device's own when that size
    /// class is background. On a span shorter than four hours it is an event however often such samples come, since
    /// the background rules, which judge by shares of hourly windows, cannot tell there; over longer spans, only if
    /// they do not call it background; and a sample whose leftover over the envelope is the size of another beat due
    /// then (a period away: a sensor's hourly lookups in the sample of its minute beat) is two beats at once. For a
    /// device whose floor is steady traffic, the schedule is learned from the samples above the floor plus its
    /// deviation rather than above the threshold (a multiple of the floor), which would hide them. On: chosen by
    /// leave-one-capture-out over every labelled real capture and the lab presets (mean LAN F1 0.674 to 0.727, the SSI
    /// plug 0.00 to 0.53, no other capture's LAN figure changed, every lab preset at its floor on every observer) once
    /// the two-beats test stopped it taking the dominating preset's Wi-Fi view from 0.96 to 0.81
    /// (results/activity-cv.md, results/activity-why.md).
    /// </summary>
    public bool OffSchedule { get; init; } = true;

    /// <summary>Intercept of the logistic map from an event's score to the probability that it is a labelled activity (fit by leave-one-capture-out).</summary>
    public double CalibrationIntercept { get; init; } = 1.523;

    /// <summary>Slope of that map, per unit of score (log10 of the event's bytes over its unit).</summary>
    public double CalibrationSlope { get; init; } = 0.424;

    /// <summary>Weight of that map on log10 of the event's duration in seconds.</summary>
    public double CalibrationDuration { get; init; } = -1.131;

    /// <summary>
    /// These options with <paramref name="text"/> ("key=number,...": factor, quantile, gap, sample, sigmas, ratio,
    /// similar, tolerance, cover, beats, background, recur, quiet, split, offschedule (0 or 1), intercept, slope, duration;
    /// seconds for gap, sample and split)
    /// over them. An unknown key or a bad number is a <see cref="FormatException"/> naming it.
    /// </summary>
    public EventDetectorOptions With(string? text)
    {
        var o = this;
        if (string.IsNullOrWhiteSpace(text))
        {
            return o;
        }

        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !double.TryParse(kv[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw new FormatException($"'{pair}' is not key=number");
            }

            if (v < 0 && kv[0] is ("quiet" or "split"))
            {
                throw new FormatException($"{kv[0]} must be 0 or more");
            }

            if (v <= 0 && kv[0] is not ("intercept" or "slope" or "duration" or "quiet" or "split" or "offschedule"))
            {
                throw new FormatException($"{kv[0]} must be positive");
            }

            o = kv[0] switch
            {
                "factor" => o with { EnvelopeFactor = v },
                "quantile" => v <= 1 ? o with { EnvelopeQuantile = v } : throw new FormatException("quantile must be at most 1"),
                "gap" => o with { MergeGap = TimeSpan.FromSeconds(v) },
                "sample" => o with { Sample = TimeSpan.FromSeconds(v) },
                "sigmas" => o with { Sigmas = v },
                "ratio" => o with { MinRatio = v },
                "similar" => o with { SimilarSize = v },
                "tolerance" => o with { PeriodTolerance = v },
                "cover" => o with { PeriodCover = v },
                "beats" => o with { MinBeats = (int)Math.Round(v) },
                "background" => o with { BackgroundPerHour = v },
                "quiet" => o with { QuietHours = v },
                "split" => o with { SplitSilence = TimeSpan.FromSeconds(v) },
                "offschedule" => v is 0 or 1 ? o with { OffSchedule = v == 1 } : throw new FormatException("offschedule must be 0 or 1"),
                "recur" => v <= 1 ? o with { RecurrenceCover = v } : throw new FormatException("recur must be at most 1"),
                "intercept" => o with { CalibrationIntercept = v },
                "slope" => o with { CalibrationSlope = v },
                "duration" => o with { CalibrationDuration = v },
                _ => throw new FormatException($"unknown parameter '{kv[0]}'"),
            };
        }

        return o;
    }
}
