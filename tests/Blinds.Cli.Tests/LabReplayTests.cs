using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary><c>lab replay</c> as a user runs it, to a UDP socket on loopback that counts what arrives.</summary>
public class LabReplayTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [Fact]
    public void Replay_json_says_what_was_sent_and_every_datagram_arrives()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Client.ReceiveBufferSize = 4 << 20;
        var port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        var r = CliRunner.Run(lab.Dir.Path, "lab", "replay", lab.Capture, "--to", $"127.0.0.1:{port}", "--duration", "60s", "--speed", "50", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        var sent = root.GetProperty("packets_sent").GetInt64();
        Assert.Equal(root.GetProperty("packets").GetInt32(), sent);
        Assert.True(sent > 10, $"only {sent} packets in the capture's first minute");
        Assert.True(root.GetProperty("time_zero_unix_seconds").GetDouble() > 1.7e9);

        var received = 0;
        while (socket.Available > 0)
        {
            IPEndPoint? from = null;
            socket.Receive(ref from);
            received++;
        }

        Assert.Equal(sent, received);
    }
}
