namespace Blinds.Defences.Evaluation;

/// <summary>How the attacks are re-run on defended traffic.</summary>
public sealed record PrivacyOptions
{
    /// <summary>Rate attack: sample length, seconds.</summary>
    public int SampleSeconds { get; init; } = 10;

    /// <summary>Rate attack: window length, seconds.</summary>
    public int WindowSeconds { get; init; } = 300;

    /// <summary>Rate attack: neighbours.</summary>
    public int K { get; init; } = 3;

    /// <summary>How far a detection may be from a true activity.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A defence is called effective when both attacks end within this much of chance.</summary>
    public double Margin { get; init; } = 0.05;
}
