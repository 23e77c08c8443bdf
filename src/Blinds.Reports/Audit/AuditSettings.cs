using Blinds.Defences.Costs;

namespace Blinds.Reports.Audit;

/// <summary>
/// What the audit weighs its recommendation against: the user's budget, data plan, uplink, clock and how much delay
/// their devices may take. Every field is echoed in report.json (<see cref="AuditSettingsEcho"/>) so a reader sees
/// the assumptions behind each figure.
/// </summary>
public sealed record AuditSettings
{
    /// <summary>Paper 002 §7.4 weighs 104 GB a month against a 1 TB cap: a tenth of the cap is the default budget.</summary>
    public const double DefaultBudgetShareOfCap = 0.1;

    /// <summary>The most the defence may add, in bytes a month; null to use the money budget or, without one, a tenth of the cap.</summary>
    public double? BudgetBytes { get; init; }

    /// <summary>The most the defence may add to the bill, money a month (over-cap blocks it causes); null when the budget is in bytes.</summary>
    public double? BudgetMoney { get; init; }

    /// <summary>Data cap, price per block over it, block size, uplink capacity (paper 002 §7.4's defaults).</summary>
    public CostOptions Cost { get; init; } = new();

    /// <summary>The home's clock (an IANA zone) for times of day, plots and the hourly view.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>How much delay each kind of device works with (paper 002 Fig. 9, or the user's).</summary>
    public LatencyTolerance Tolerances { get; init; } = LatencyTolerance.Papers();

    /// <summary>How <see cref="Tolerances"/> came about, in words ("paper 002 Fig. 9", "paper 002 Fig. 9 × 2", a file).</summary>
    public string TolerancesSource { get; init; } = "paper 002 Fig. 9";

    /// <summary>The settings file these came from, if any.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The budget in bytes a month the defence may add, given the home's own monthly traffic (money turns into the bytes it buys).</summary>
    public double BudgetBytesFor(double ownBytesPerMonth)
    {
        if (BudgetBytes is { } bytes)
        {
            return bytes;
        }

        if (BudgetMoney is not { } money)
        {
            return Cost.CapBytes * DefaultBudgetShareOfCap;
        }

        if (Cost.PricePerBlock <= 0)
        {
            return double.PositiveInfinity;
        }

        // Blocks the home buys already, plus those the money buys: the defence may fill up to there.
        var blocksNow = Math.Max(0, Math.Ceiling((ownBytesPerMonth - Cost.CapBytes) / Cost.BlockBytes));
        var blocks = blocksNow + Math.Floor((money / Cost.PricePerBlock) + 1e-9);
        return Math.Max(0, Cost.CapBytes + (blocks * Cost.BlockBytes) - ownBytesPerMonth);
    }

    /// <summary>Money over the cap a month for <paramref name="bytesPerMonth"/> of traffic.</summary>
    public double MoneyFor(double bytesPerMonth) =>
        Math.Max(0, Math.Ceiling((bytesPerMonth - Cost.CapBytes) / Cost.BlockBytes)) * Cost.PricePerBlock;
}
