namespace Blinds.Traffic.Series;

/// <summary>A <see cref="RateSeries"/> written out bin by bin, zeros included: for presenters that print every bin.</summary>
/// <param name="BytesUp">Bytes sent per bin.</param>
/// <param name="BytesDown">Bytes received per bin.</param>
/// <param name="PacketsUp">Packets sent per bin.</param>
/// <param name="PacketsDown">Packets received per bin.</param>
public sealed record DenseRates(long[] BytesUp, long[] BytesDown, long[] PacketsUp, long[] PacketsDown);
