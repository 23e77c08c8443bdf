using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Blinds.Protocols.Addressing;

namespace Blinds.Shaping;

/// <summary>
/// Sends UDP cover packets of a fixed size to the dummy address, paced to a rate above the shaped one so that the
/// shaper's low band always has one ready (paper 002 §7.2). The shaper, not this loop, sets what leaves the link:
/// excess cover is dropped by the small cover queue.
/// </summary>
public sealed class CoverGenerator(IpAddress target, int port, int packetBytes)
{
    /// <summary>Packets sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Sends at <paramref name="bytesPerSecond"/>() until cancelled; the rate is read again every tick (schedules pause it with 0).</summary>
    public async Task RunAsync(Func<double> bytesPerSecond, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(bytesPerSecond);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var endpoint = new IPEndPoint(IPAddress.Parse(target.ToString()), port);
        var payload = new byte[Math.Max(1, packetBytes - 28)]; // IPv4 20 + UDP 8
        var clock = Stopwatch.StartNew();
        var last = clock.Elapsed;
        double due = 0;
        while (!cancel.IsCancellationRequested)
        {
            // Owed packets follow the time that really passed, whatever the timer's slack.
            var now = clock.Elapsed;
            due = Math.Min(due + (bytesPerSecond() * (now - last).TotalSeconds / packetBytes), 64);
            last = now;
            for (; due >= 1; due--)
            {
                try
                {
                    socket.SendTo(payload, endpoint);
                    Sent++;
                }
                catch (SocketException)
                {
                    // A full queue or a route that went away: cover is best effort, the shaper still sends at its rate.
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), cancel).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }
}
