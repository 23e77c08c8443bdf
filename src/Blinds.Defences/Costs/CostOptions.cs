namespace Blinds.Defences.Costs;

/// <summary>The money side (paper 002 §7.4): a data cap, what going over costs, and the upload capacity.</summary>
public sealed record CostOptions
{
    /// <summary>Monthly data cap in bytes (1 TB, as the paper's ISP).</summary>
    public double CapBytes { get; init; } = 1e12;

    /// <summary>Price of each block over the cap.</summary>
    public double PricePerBlock { get; init; } = 10;

    /// <summary>Block size over the cap (50 GB).</summary>
    public double BlockBytes { get; init; } = 50e9;

    /// <summary>Upload capacity, bytes per second (US mean in 2016: 2.36 MB/s, as the paper used).</summary>
    public double UploadBytesPerSecond { get; init; } = 2.36e6;
}
