using Blinds.Protocols.Addressing;
using Blinds.Traffic.Records;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Traffic.Tests;

public class PacketLogProperties
{
    /// <summary>
    /// Whatever the rows (times going back and jumping ahead, sizes, stations, remotes, local and unknown rows among
    /// them), the log replays exactly the internet ones, in order, with the fields the later passes read; a small
    /// memory buffer makes it spill to disk many times on the way.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Replay_gives_the_internet_rows_back_in_order((int Step, ushort Wire, byte Station, byte Remote, byte Way)[] rows, bool v6)
    {
        var dir = Directory.CreateTempSubdirectory("blinds-log-test");
        try
        {
            using var log = new PacketLog(dir.FullName);
            var expected = new List<PacketRow>();
            var time = 1_700_000_000_000_000_000L;
            foreach (var (step, wire, station, remote, way) in rows)
            {
                time += step;
                var direction = (way % 4) switch { 0 => Direction.Up, 1 => Direction.Down, 2 => Direction.Local, _ => Direction.Unknown };
                var mac = new MacAddress(0x0200_0000_0000UL + station);
                var far = v6 ? new IpAddress(0x2001_0db8_0000_0000UL, remote) : IpAddress.FromV4(0xcb00_7100u + remote);
                var home = IpAddress.FromV4(0xc0a8_0102u);
                var up = direction == Direction.Up;
                var row = new PacketRow(time, wire, wire, mac, default, far.IsV4 ? (byte)4 : (byte)6, up ? home : far, up ? far : home, 6, 1, 2, 0, direction, mac);
                log.OnPacket(row);
                if (direction is Direction.Up or Direction.Down)
                {
                    expected.Add(row);
                }
            }

            // Twice: the later passes replay one after another.
            for (var pass = 0; pass < 2; pass++)
            {
                var got = new Rows();
                log.Replay(got);
                Assert.Equal(expected.Count, got.All.Count);
                for (var i = 0; i < expected.Count; i++)
                {
                    var (e, g) = (expected[i], got.All[i]);
                    Assert.Equal((e.TimeNs, e.WireLength, e.Direction, e.Device), (g.TimeNs, g.WireLength, g.Direction, g.Device));
                    Assert.Equal(e.Direction == Direction.Up ? e.DestinationIp : e.SourceIp, g.Direction == Direction.Up ? g.DestinationIp : g.SourceIp);
                }
            }

            Assert.True(log.Complete);
            Assert.Equal(expected.Count, log.Packets);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Many packets: the log spills to its file, replays them all, and the file goes when the log is disposed.</summary>
    [Fact]
    public void A_long_log_spills_to_disk_and_cleans_up()
    {
        var dir = Directory.CreateTempSubdirectory("blinds-log-test");
        try
        {
            long sum = 0;
            using (var log = new PacketLog(dir.FullName))
            {
                for (var i = 0; i < 100_000; i++)
                {
                    var far = IpAddress.FromV4(0xcb00_7100u + (uint)(i % 7));
                    log.OnPacket(new PacketRow(1_000_000_000L * i, 60 + (i % 1400), 0, default, default, 4, default, far, 6, 0, 0, 0, Direction.Up, new MacAddress(2)));
                    sum += 60 + (i % 1400);
                }

                var spilled = Assert.Single(Directory.GetFiles(dir.FullName));
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(spilled));
                }

                Assert.InRange(log.StoredBytes, 100_000 * 4, 100_000 * 12);
                var got = new Rows();
                long lastSeen = 0;
                log.Replay(got, (at, total) => lastSeen = Math.Max(lastSeen, at));
                Assert.Equal(100_000, got.All.Count);
                Assert.Equal(sum, got.All.Sum(r => (long)r.WireLength));
                Assert.Equal(1_000_000_000L * 99_999, got.All[^1].TimeNs);
                Assert.Equal(log.StoredBytes, lastSeen);
            }

            Assert.Empty(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private sealed class Rows : PacketSink
    {
        public List<PacketRow> All { get; } = [];

        public override void OnPacket(in PacketRow row) => All.Add(row);
    }
}
