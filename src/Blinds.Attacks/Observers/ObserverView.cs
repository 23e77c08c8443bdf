namespace Blinds.Attacks.Observers;

/// <summary>What one observer sees of a trace: the entities it can follow, each with its rates and names.</summary>
/// <param name="Kind">The observer.</param>
/// <param name="Entities">Stations or streams, in a stable order.</param>
/// <param name="Notes">What the projection assumed (shown with results so that nobody over-reads them).</param>
public sealed record ObserverView(ObserverKind Kind, IReadOnlyList<ObservedEntity> Entities, IReadOnlyList<string> Notes);
