namespace Blinds.Defences.Evaluation;

/// <summary>What <see cref="RateSearch.Search"/> found and on how much of the capture.</summary>
/// <param name="Needs">Per device, then the whole home (Mac null) last.</param>
/// <param name="Packets">Internet packets of the searched devices it held.</param>
/// <param name="CutAtNs">Null when the whole capture was searched; else where the packet budget ended the search.</param>
public sealed record RateSearchResult(IReadOnlyList<RateNeed> Needs, long Packets, long? CutAtNs);
