using Blinds.Defences.Specs;

namespace Blinds.Defences.Evaluation;

/// <summary>One field of a <see cref="DefencePlan"/> a sweep can vary: its key, grammar, range, and how to set it.</summary>
/// <param name="Key">The spec key ("rate").</param>
/// <param name="Unit">Its grammar.</param>
/// <param name="Range">Values it accepts.</param>
/// <param name="Applies">True when the plan has the part that holds the field.</param>
/// <param name="Set">The plan with the field at a value.</param>
internal sealed record SweepKnob(string Key, SweepUnit Unit, UnitRange Range, Func<DefencePlan, bool> Applies, Func<DefencePlan, double, DefencePlan> Set)
{
    /// <summary>A value as the key's grammar reads it, within its range.</summary>
    public double Read(string text) => Unit switch
    {
        SweepUnit.Rate => Units.ParseRate(text, Key + "=", Range),
        SweepUnit.Size => Units.ParseSize(text, Key + "=", Range),
        SweepUnit.Duration => Units.ParseDuration(text, Key + "=", Range).TotalSeconds,
        _ => Units.ParseNumber(text, Key + "=", Range),
    };
}
