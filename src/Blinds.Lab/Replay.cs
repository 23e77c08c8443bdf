using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Blinds.Lab;

/// <summary>One packet to replay: when (from the replay's start) and how big on the wire.</summary>
/// <param name="OffsetNs">Time since the first packet replayed.</param>
/// <param name="WireBytes">Its frame size in the capture.</param>
public readonly record struct ReplayPacket(long OffsetNs, int WireBytes);

/// <summary>
/// Sends UDP datagrams with a capture's timing and sizes, so that a shaper under test meets real bursts: each
/// packet becomes one datagram whose IP packet is the frame less its 14-byte Ethernet header (at least 28 bytes).
/// Sleeps through long gaps and spins through the last millisecond, so that bursts keep their shape.
/// </summary>
public static class Replay
{
    /// <summary>Sends <paramref name="packets"/> to <paramref name="target"/>; returns the datagrams sent.</summary>
    public static long Send(IReadOnlyList<ReplayPacket> packets, IPEndPoint target, double speed, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentNullException.ThrowIfNull(target);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var buffer = new byte[65_507];
        var clock = Stopwatch.StartNew();
        long sent = 0;
        foreach (var p in packets)
        {
            var due = TimeSpan.FromTicks((long)(p.OffsetNs / speed / 100));
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                cancel.WaitHandle.WaitOne(wait - TimeSpan.FromMilliseconds(1));
            }

            while (clock.Elapsed < due && !cancel.IsCancellationRequested)
            {
                Thread.SpinWait(64);
            }

            if (cancel.IsCancellationRequested)
            {
                break;
            }

            var payload = Math.Clamp(p.WireBytes - 14 - 28, 0, buffer.Length);
            try
            {
                socket.SendTo(buffer.AsSpan(0, payload), SocketFlags.None, target);
                sent++;
            }
            catch (SocketException)
            {
                // A full socket buffer drops the datagram, as a congested device would; the replay keeps its clock.
            }
        }

        return sent;
    }
}
