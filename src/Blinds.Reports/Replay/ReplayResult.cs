namespace Blinds.Reports.Replay;

/// <summary>What <c>lab replay --json</c> prints.</summary>
/// <param name="To">Where the datagrams went, ADDRESS:PORT.</param>
/// <param name="PacketsSent">Datagrams sent (fewer than <paramref name="Packets"/> when stopped early).</param>
/// <param name="Packets">Packets of the capture chosen for the replay.</param>
/// <param name="Bytes">Their bytes on the wire in the capture.</param>
/// <param name="TimeZeroUnixSeconds">The wall clock at the replay's time zero (the capture's first packet plus <c>--from</c>), so a measurement can put the capture's labels on its own clock.</param>
public sealed record ReplayResult(string To, long PacketsSent, int Packets, long Bytes, double TimeZeroUnixSeconds);
