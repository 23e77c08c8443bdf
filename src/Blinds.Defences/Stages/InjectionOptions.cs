namespace Blinds.Defences.Stages;

/// <summary>When injected activity periods start.</summary>
public enum InjectionTiming
{
    /// <summary>Stochastic padding (STP): at each opportunity (every <see cref="InjectionOptions.Every"/>) a period starts with probability q.</summary>
    Stochastic,

    /// <summary>Decoys ("parallel realities", paper 004): so many a day per device, at times of day drawn from its real activities, jittered.</summary>
    Decoy,
}

/// <summary>Settings of <see cref="InjectionStage"/>.</summary>
public sealed record InjectionOptions
{
    /// <summary>How periods are timed.</summary>
    public InjectionTiming Timing { get; init; } = InjectionTiming.Stochastic;

    /// <summary>STP: probability that a period starts at each opportunity.</summary>
    public double Q { get; init; } = 0.05;

    /// <summary>STP: how often there is an opportunity.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Decoys: fake activities per device per day; null means as many as the device's real ones (one parallel reality).</summary>
    public double? PerDay { get; init; }

    /// <summary>Decoys: how far from a real activity's time of day a decoy may be placed.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.FromMinutes(30);
}
