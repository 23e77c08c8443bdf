using System.Text.Json.Serialization;

using Blinds.Reports.Audit;
using Blinds.Reports.Identify;
using Blinds.Reports.Summary;

namespace Blinds.Reports;

/// <summary>
/// Compile-time JSON metadata for every typed result Blinds writes. Serializing through it needs no reflection and no
/// JIT of serializer code at start, which is most of what a short command spends before its first packet; the
/// naming, encoder and enum converter still come from <see cref="Json.Options"/>, so the output is byte for byte what
/// the reflection serializer wrote (the golden JSON tests pin it).
/// </summary>
[JsonSerializable(typeof(SummaryModel))]
[JsonSerializable(typeof(AuditModel))]
[JsonSerializable(typeof(AuditVerdict))]
[JsonSerializable(typeof(IdentifyModel))]
[JsonSerializable(typeof(Blinds.Reports.Tolerance.ToleranceModel))]
[JsonSerializable(typeof(Blinds.Reports.Frontier.FrontierModel))]
[JsonSerializable(typeof(Blinds.Reports.Simulate.SimulateModel))]
[JsonSerializable(typeof(Blinds.Reports.Activity.ActivityModel))]
[JsonSerializable(typeof(IReadOnlyList<Blinds.Attacks.Identification.GridCell>))]
[JsonSerializable(typeof(Blinds.Reports.Replay.ReplayResult))]
[JsonSerializable(typeof(Blinds.Reports.Batch.BatchModel))]
[JsonSerializable(typeof(Blinds.Reports.Flows.FlowsModel))]
[JsonSerializable(typeof(Blinds.Reports.Export.FlowCollectionResult))]
[JsonSerializable(typeof(Blinds.Shaping.RateOnlyPlanView))]
[JsonSerializable(typeof(Blinds.Shaping.CellPlanView))]
[JsonSerializable(typeof(Blinds.Shaping.RateOnlyStatusView))]
[JsonSerializable(typeof(Blinds.Shaping.CellStatusView))]
[JsonSerializable(typeof(Blinds.Shaping.Firewall.FirewallPlanView))]
public sealed partial class BlindsJsonContext : JsonSerializerContext;
