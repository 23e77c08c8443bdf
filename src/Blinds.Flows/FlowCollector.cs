using System.Net;
using System.Net.Sockets;

using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// A live NetFlow/IPFIX collector: receives export datagrams on one UDP endpoint and decodes them as they come,
/// until cancelled (SIGINT, --duration) or, when asked, after a quiet spell. One buffer, reused per datagram.
/// </summary>
public sealed class FlowCollector : IDisposable
{
    private readonly Socket socket;

    /// <summary>Binds <paramref name="endpoint"/>; throws <see cref="SocketException"/> when it cannot.</summary>
    public FlowCollector(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = 4 << 20; // bursts of export packets at the end of a softflowd run
            socket.Bind(endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The endpoint bound (with the port chosen when 0 was asked for).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)socket.LocalEndPoint!;

    /// <summary>Called with every datagram before it is decoded (to keep the raw export, e.g. as a capture).</summary>
    public DatagramHandler? OnDatagram { get; set; }

    /// <summary>Datagrams received.</summary>
    public long Datagrams { get; private set; }

    /// <summary>
    /// Receives and decodes until <paramref name="cancel"/> fires, or, with <paramref name="quiet"/>, once that long
    /// passed without a datagram after the first one.
    /// </summary>
    public async Task RunAsync(NetFlowDecoder decoder, IFlowSink sink, TimeSpan? quiet, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(sink);
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancel.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            if (quiet is { } q && Datagrams > 0)
            {
                wait.CancelAfter(q);
            }

            SocketReceiveFromResult got;
            try
            {
                got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Datagrams++;
            var from = ToIp(((IPEndPoint)got.RemoteEndPoint).Address);
            var payload = buffer.AsSpan(0, got.ReceivedBytes);
            OnDatagram?.Invoke(payload, from);
            decoder.Decode(payload, from, sink, Datagrams);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => socket.Dispose();

    private static IpAddress ToIp(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var n);
        return n == 4 ? IpAddress.ReadV4(b) : IpAddress.ReadV6(b);
    }
}
