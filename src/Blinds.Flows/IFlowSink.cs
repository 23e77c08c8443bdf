namespace Blinds.Flows;

/// <summary>Receives flows as a decoder finds them, so that decoding allocates nothing per record.</summary>
public interface IFlowSink
{
    /// <summary>One flow record.</summary>
    void Add(in FlowObservation flow);

    /// <summary>A host name seen for an address (Zeek dns.log answers, ssl.log server names).</summary>
    void AddName(Protocols.Addressing.IpAddress address, string name, bool fromTls);
}
