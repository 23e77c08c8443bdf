using Blinds.Defences.Specs;
using Blinds.Defences.Stages;

using Xunit;

namespace Blinds.Defences.Tests;

public class DefenceSpecTests
{
    [Fact]
    public void Parts_compose_and_keys_are_read()
    {
        var plan = DefenceSpec.Parse("tunnel:protocol=openvpn + vit:rate=2.5KB/s,size=512,spread=0.3,period=10s,devices=50:c7:bf:00:fc:a3,schedule=22:00-06:00");
        Assert.Equal(TunnelProtocol.OpenVpn, plan.Tunnel);
        Assert.Equal(2_500, plan.Shaper!.BytesPerSecond);
        Assert.Equal(0.3, plan.Shaper.Spread);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Shaper.Period);
        Assert.Single(plan.ShaperScope.Devices!);
        Assert.Equal((TimeSpan.FromHours(22), TimeSpan.FromHours(6)), Assert.Single(plan.ShaperScope.Windows));
        Assert.Null(plan.Injection);
    }

    [Theory]
    [InlineData("80kbit/s", 10_000)]
    [InlineData("10KB/s", 10_000)]
    [InlineData("1.5MB/s", 1_500_000)]
    [InlineData("512B/s", 512)]
    public void Rates_use_decimal_units_as_the_papers_do(string text, double expected)
    {
        Assert.True(Units.TryParseRate(text, out var r));
        Assert.Equal(expected, r, 6);
    }

    [Theory]
    [InlineData("shape", "defence 'shape': unknown defence 'shape' (none, block, conceal-dns, tunnel, constant, vit, stp, decoy)")]
    [InlineData("constant:rate=fast", "defence 'constant:rate=fast': rate= must be a rate such as 10KB/s or 80kbit/s")]
    [InlineData("constant:speed=1KB/s", "defence 'constant:speed=1KB/s': unknown key 'speed'")]
    [InlineData("stp:q=2", "defence 'stp:q=2': q= must be a number from 0 to 1")]
    [InlineData("tunnel:protocol=ipsec", "defence 'tunnel:protocol=ipsec': protocol= must be wireguard or openvpn")]
    [InlineData("block", "defence 'block': block needs device=, domain= or address=")]
    [InlineData("vit:schedule=25:00-06:00", "defence 'vit:schedule=25:00-06:00': schedule= must be windows such as 06:00-24:00;22:00-02:00 (UTC)")]
    [InlineData("constant:rate", "defence 'constant:rate': expected key=value, got 'rate'")]
    public void Mistakes_are_named(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => DefenceSpec.Parse(spec)).Message);

    [Fact]
    public void A_schedule_wrapping_midnight_covers_the_night()
    {
        var scope = new Scope { Windows = [(TimeSpan.FromHours(22), TimeSpan.FromHours(6))] };
        static long At(int hour) => (new DateTimeOffset(2026, 1, 5, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()) * 1_000_000;
        Assert.True(scope.IsOn(At(23)));
        Assert.True(scope.IsOn(At(3)));
        Assert.False(scope.IsOn(At(12)));
    }
}
