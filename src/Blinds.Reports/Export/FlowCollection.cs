using System.Net;

using Blinds.Flows;
using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Export;

/// <summary>What `blinds collect` did (its --json).</summary>
/// <param name="Output">The Parquet file written.</param>
/// <param name="Datagrams">Export datagrams received.</param>
/// <param name="Flows">Flow records written.</param>
/// <param name="Anomalies">Anomaly counts by id.</param>
public sealed record FlowCollectionResult(string Output, long Datagrams, long Flows, IReadOnlyDictionary<string, long> Anomalies)
{
    /// <summary>What each anomaly id means, for the text; not in the JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, string> AnomalyDescriptions { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// `blinds collect` as a library call: a <see cref="FlowCollector"/> on one endpoint decoding into the table
/// flow_records (docs/export.md), every record as received, until it is told to stop.
/// </summary>
public static class FlowCollection
{
    /// <summary>
    /// Runs the collector on an already bound <paramref name="collector"/> into the new file <paramref name="output"/>
    /// (never replaced: <see cref="IOException"/> when it exists). The Parquet footer is written however it stops.
    /// </summary>
    public static FlowCollectionResult Run(FlowCollector collector, string output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(collector);
        var anomalies = new Capture.Anomalies.AnomalyLog();
        var decoder = new NetFlowDecoder(anomalies);
        long rows;
        using (var writer = new ParquetTableWriter<FlowObservation>(FlowRecordTables.FlowRecords, output))
        {
            var sink = new WritingSink(writer);
            collector.RunAsync(decoder, sink, quiet: null, stop).GetAwaiter().GetResult();
            rows = writer.Rows;
        }

        return new FlowCollectionResult(output, collector.Datagrams, rows, anomalies.Entries.ToDictionary(e => e.Anomaly.Id, e => e.Count))
        {
            AnomalyDescriptions = anomalies.Entries.ToDictionary(e => e.Anomaly.Id, e => e.Anomaly.Description),
        };
    }

    /// <summary>Binds <paramref name="endpoint"/>; throws <see cref="System.Net.Sockets.SocketException"/> when it cannot.</summary>
    public static FlowCollector Listen(IPEndPoint endpoint) => new(endpoint);

    private sealed class WritingSink(ParquetTableWriter<FlowObservation> writer) : IFlowSink
    {
        public void Add(in FlowObservation flow) => writer.Write(flow);

        public void AddName(IpAddress address, string name, bool fromTls)
        {
            // Export datagrams carry no names.
        }
    }
}
