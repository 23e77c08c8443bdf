using Blinds.Reports.Export;

namespace Blinds.Reports.Batch;

/// <summary>The lake's cross-home tables (docs/scale.md), beside the per-home partitions.</summary>
public static class BatchTables
{
    /// <summary>homes.parquet: one row per home.</summary>
    public static TableSchema<BatchHomeRow> Homes { get; } = new("homes",
    [
        Column<BatchHomeRow>.Str("home", r => r.Home),
        Column<BatchHomeRow>.Str("status", r => r.Status),
        Column<BatchHomeRow>.Str("error", r => r.Error),
        Column<BatchHomeRow>.Int("captures", r => r.Captures),
        Column<BatchHomeRow>.Int("packets", r => r.Packets),
        Column<BatchHomeRow>.Int("days", r => r.Days),
        Column<BatchHomeRow>.Int("devices", r => r.Devices),
        Column<BatchHomeRow>.Int("isp_identifies", r => r.IspIdentifies),
        Column<BatchHomeRow>.Int("wifi_identifies", r => r.WifiIdentifies),
        Column<BatchHomeRow>.Int("lan_identifies", r => r.LanIdentifies),
        Column<BatchHomeRow>.Bool("flooded", r => r.Flooded),
        Column<BatchHomeRow>.Str("recommended", r => r.Recommended),
        Column<BatchHomeRow>.Double("gb_per_month", r => r.GbPerMonth),
        Column<BatchHomeRow>.Double("money_per_month", r => r.MoneyPerMonth),
        Column<BatchHomeRow>.Bool("within_budget", r => r.WithinBudget),
        Column<BatchHomeRow>.Str("warnings", r => r.Warnings),
    ]);

    /// <summary>identified.parquet: one row per home, observer and device it can name.</summary>
    public static TableSchema<BatchIdentifiedRow> Identified { get; } = new("identified",
    [
        Column<BatchIdentifiedRow>.Str("home", r => r.Home),
        Column<BatchIdentifiedRow>.Str("observer", r => r.Observer),
        Column<BatchIdentifiedRow>.Str("device", r => r.Device),
        Column<BatchIdentifiedRow>.Str("kind", r => r.Kind),
        Column<BatchIdentifiedRow>.Str("how", r => r.How),
    ]);
}
