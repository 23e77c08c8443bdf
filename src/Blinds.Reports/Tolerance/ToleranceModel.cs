namespace Blinds.Reports.Tolerance;

/// <summary>What `blinds tolerance` found, as data: its JSON output is exactly this.</summary>
/// <param name="SlotBytes">Slot size of the padding searched.</param>
/// <param name="Tolerances">Where the delay tolerances came from.</param>
/// <param name="Devices">One row per device, then the whole home.</param>
/// <param name="SumOfDevices">The devices' rates added up.</param>
/// <param name="RecommendedDefence">The whole home's rates as a plan a user can paste, or null when no rate works.</param>
public sealed record ToleranceModel(int SlotBytes, string Tolerances, IReadOnlyList<ToleranceDevice> Devices, ToleranceRates SumOfDevices, string? RecommendedDefence);

/// <summary>The lowest constant rate one device (or the whole home) works with.</summary>
/// <param name="Device">Its label, its MAC, or "whole home".</param>
/// <param name="Mac">Its MAC; null for the whole home.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Tolerance">The delay its kind works with.</param>
/// <param name="UpBytesPerSecond">Lowest upload rate that keeps it within its tolerance, or null when none tried does.</param>
/// <param name="DownBytesPerSecond">Same, download.</param>
/// <param name="UpDelayMean">Mean upload delay at that rate, seconds.</param>
/// <param name="UpDelayMax">Largest upload delay at that rate, seconds.</param>
/// <param name="RealUpBytesPerSecond">Its own mean upload rate.</param>
/// <param name="RealDownBytesPerSecond">Its own mean download rate.</param>
/// <param name="CoverGbPerMonth">Cover a month at those rates.</param>
public sealed record ToleranceDevice(
    string Device,
    string? Mac,
    string? Kind,
    ToleranceSeconds? Tolerance,
    double? UpBytesPerSecond,
    double? DownBytesPerSecond,
    double UpDelayMean,
    double UpDelayMax,
    double RealUpBytesPerSecond,
    double RealDownBytesPerSecond,
    double CoverGbPerMonth);

/// <summary>A delay tolerance.</summary>
/// <param name="MeanSeconds">Mean delay tolerated.</param>
/// <param name="MaxSeconds">Largest delay tolerated.</param>
public sealed record ToleranceSeconds(double MeanSeconds, double MaxSeconds);

/// <summary>Rates each way.</summary>
/// <param name="UpBytesPerSecond">Upload.</param>
/// <param name="DownBytesPerSecond">Download.</param>
public sealed record ToleranceRates(double UpBytesPerSecond, double DownBytesPerSecond);
