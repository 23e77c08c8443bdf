using Blinds.Shaping.Decoys;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Shaping.Tests;

/// <summary>Decoy packets are the simulation's injected packets: a second's bytes in frames of at most 1,514 bytes, spread over that second.</summary>
public class DecoyTests
{
    [Property(MaxTest = 300)]
    public void A_seconds_decoy_bytes_leave_as_the_simulations_packets_within_that_second(uint raw, long start)
    {
        var bytes = raw % 20_000_000;
        var packets = DecoyInjector.Split(start % 1_000_000_000_000, bytes).ToArray();
        Assert.Equal((long)((bytes + 1513) / 1514), packets.LongLength);
        Assert.All(packets, p => Assert.InRange(p.Length, 1, 1500));

        // IP lengths plus the Ethernet header the capture counted give the second's bytes back (the last may be
        // rounded up to a 1-byte packet when fewer than 15 bytes were left).
        var frames = packets.Sum(p => (long)p.Length + ShapeDeployment.EthernetBytes);
        Assert.InRange(frames, (long)bytes, (long)bytes + ShapeDeployment.EthernetBytes);
        for (var i = 0; i < packets.Length; i++)
        {
            Assert.InRange(packets[i].AtNs - packets[0].AtNs, 0, 999_999_999);
            Assert.True(i == 0 || packets[i].AtNs > packets[i - 1].AtNs);
        }
    }
}
