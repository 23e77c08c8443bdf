using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>Receives one export datagram as it arrived, with the exporter's address.</summary>
/// <param name="payload">The UDP payload (valid only during the call).</param>
/// <param name="exporter">Who sent it.</param>
public delegate void DatagramHandler(ReadOnlySpan<byte> payload, IpAddress exporter);
