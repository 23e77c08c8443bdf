namespace Blinds.Reports.Audit;

/// <summary>A routine an observer can infer: one kind of activity of one device, and when.</summary>
/// <param name="Device">Device name.</param>
/// <param name="Activity">Activity (toggle, motion, ...).</param>
/// <param name="Words">The activity in words ("someone went to bed or got up").</param>
/// <param name="Count">How many times in the capture.</param>
/// <param name="Times">Times of day on the home's clock (HH:mm), the first few distinct ones.</param>
/// <param name="Sure">How sure, in words.</param>
/// <param name="Score">The attack's F1 against the labels for this observer (1 = every activity found, nothing made up), when labelled.</param>
/// <param name="Chance">The F1 a guesser would get.</param>
public sealed record AuditRoutine(string Device, string Activity, string Words, int Count, IReadOnlyList<string> Times, string Sure, double? Score, double? Chance);
