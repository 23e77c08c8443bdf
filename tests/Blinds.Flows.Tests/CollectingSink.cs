using Blinds.Protocols.Addressing;

namespace Blinds.Flows.Tests;

internal sealed class CollectingSink : IFlowSink
{
    public List<FlowObservation> Flows { get; } = [];

    public Dictionary<IpAddress, string> Names { get; } = [];

    public void Add(in FlowObservation flow) => Flows.Add(flow);

    public void AddName(IpAddress address, string name, bool fromTls) => Names[address] = name;
}
