namespace Blinds.Reports.Batch;

/// <summary>What `blinds batch` did: the lake, one summary row per home, the devices each observer names, the failures.</summary>
/// <param name="Lake">The lake's folder.</param>
/// <param name="Homes">One row per home, in name order (homes.parquet).</param>
/// <param name="Identified">Devices each observer can name, per home (identified.parquet).</param>
/// <param name="Failed">Homes that could not be audited.</param>
public sealed record BatchModel(string Lake, IReadOnlyList<BatchHomeRow> Homes, IReadOnlyList<BatchIdentifiedRow> Identified, int Failed);

/// <summary>One home done, as it finishes (homes finish in no set order).</summary>
/// <param name="Row">Its summary row.</param>
/// <param name="Done">Homes finished so far, this one included.</param>
/// <param name="Total">Homes in the batch.</param>
public sealed record BatchProgress(BatchHomeRow Row, int Done, int Total);
