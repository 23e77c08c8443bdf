using Blinds.Attacks.Observers;

namespace Blinds.Attacks.Activity;

/// <summary>An activity an observer infers in one entity's traffic.</summary>
/// <param name="Entity">Where the burst was seen.</param>
/// <param name="Named">The burst and its name.</param>
public sealed record InferredActivity(ObservedEntity Entity, NamedEvent Named)
{
    /// <summary>Start, ns since the epoch.</summary>
    public long StartNs => Named.Event.StartNs;
}
