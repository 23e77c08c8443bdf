namespace Blinds.Reports.Audit;

/// <summary>One defence's cost and the privacy it leaves (ISP observer).</summary>
/// <param name="Name">In words.</param>
/// <param name="Spec">As `blinds simulate --defence` takes it.</param>
/// <param name="OverheadKbPerSecond">Extra traffic.</param>
/// <param name="GbPerMonth">Extra traffic a month.</param>
/// <param name="CapShare">All traffic a month over the data cap.</param>
/// <param name="MoneyOverCap">Money over the cap a month.</param>
/// <param name="DelayMean">Added delay, mean, seconds.</param>
/// <param name="DelayMax">Added delay, worst, seconds.</param>
/// <param name="Broken">Devices whose delays exceed their kind's tolerance.</param>
/// <param name="Identification">Rate identification after.</param>
/// <param name="IdentificationChance">Its chance.</param>
/// <param name="Names">Name identification after.</param>
/// <param name="NamesChance">Its chance.</param>
/// <param name="ActivityF1">Activity F1 after.</param>
/// <param name="ActivityChanceF1">Its chance.</param>
/// <param name="Effective">All attacks within 5 points of chance.</param>
/// <param name="Usable">Effective (for a defence of chosen devices: for those devices) and nothing broken.</param>
public sealed record AuditDefence(string Name, string Spec, double OverheadKbPerSecond, double GbPerMonth, double CapShare, double MoneyOverCap, double DelayMean, double DelayMax, IReadOnlyList<string> Broken, double Identification, double IdentificationChance, double Names, double NamesChance, double ActivityF1, double ActivityChanceF1, bool Effective, bool Usable)
{
    /// <summary>For a defence of chosen devices only: the attacks on those devices' activities; null otherwise.</summary>
    public AuditScoped? Scoped { get; init; }

    /// <summary>Its extra data a month is within the user's budget.</summary>
    public bool WithinBudget { get; init; }

    /// <summary>Extra money a month: the data-cap blocks it adds to what the home pays already.</summary>
    public double MoneyPerMonth { get; init; }

    /// <summary>In words: works, hides but slows devices, leaks, over budget, or nothing detected so nothing to hide.</summary>
    public string Verdict { get; init; } = string.Empty;
}
