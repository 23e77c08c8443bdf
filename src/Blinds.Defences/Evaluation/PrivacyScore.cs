namespace Blinds.Defences.Evaluation;

/// <summary>What the attacks still get from one view, beside what guessing would get.</summary>
/// <param name="Accuracy">Rate identification: share of windows attributed to the device behind them.</param>
/// <param name="AccuracyLow">95% Wilson interval, lower end.</param>
/// <param name="AccuracyHigh">Upper end.</param>
/// <param name="AccuracyChance">Always naming the device most often behind a window.</param>
/// <param name="Windows">Windows classified.</param>
/// <param name="Truth">True activities.</param>
/// <param name="Detected">Bursts the detector found.</param>
/// <param name="Matched">Bursts within the tolerance of a true activity of a device inside the entity.</param>
/// <param name="ChanceRecall">Recall as many random bursts would reach.</param>
/// <param name="ChanceF1">F1 of as many random bursts.</param>
/// <param name="NameAccuracy">Name identification: share of observed streams whose DNS/SNI name points at the device behind them.</param>
/// <param name="NameChance">Always naming the device most often behind a stream.</param>
/// <param name="Streams">Streams with real traffic scored by name.</param>
public sealed record PrivacyScore(double Accuracy, double AccuracyLow, double AccuracyHigh, double AccuracyChance, int Windows, int Truth, int Detected, int Matched, double ChanceRecall, double ChanceF1, double NameAccuracy, double NameChance, int Streams)
{
    /// <summary>Matched / detected.</summary>
    public double Precision => Detected == 0 ? 0 : Matched / (double)Detected;

    /// <summary>Matched / true.</summary>
    public double Recall => Truth == 0 ? 0 : Matched / (double)Truth;

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// True when identification by rates and by names, and activity detection (F1, which precision dilution by
    /// injected cover counts in), are all within <paramref name="margin"/> of chance.
    /// </summary>
    public bool AtChance(double margin) => Accuracy <= AccuracyChance + margin && NameAccuracy <= NameChance + margin && F1 <= ChanceF1 + margin;
}
