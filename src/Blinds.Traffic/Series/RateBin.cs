namespace Blinds.Traffic.Series;

/// <summary>One non-empty bin of a <see cref="RateSeries"/>.</summary>
/// <param name="Index">Bin number from the series' origin.</param>
/// <param name="BytesUp">Bytes sent by the home side.</param>
/// <param name="BytesDown">Bytes received.</param>
/// <param name="PacketsUp">Packets sent.</param>
/// <param name="PacketsDown">Packets received.</param>
public record struct RateBin(int Index, long BytesUp, long BytesDown, int PacketsUp, int PacketsDown)
{
    /// <summary>Bytes both ways.</summary>
    public readonly long Bytes => BytesUp + BytesDown;
}
