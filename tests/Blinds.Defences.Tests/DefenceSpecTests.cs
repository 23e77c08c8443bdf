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
        Assert.Equal(2_500, plan.Shaper!.UpBytesPerSecond);
        Assert.Equal(2_500, plan.Shaper.DownBytesPerSecond);
        Assert.Equal(0.3, plan.Shaper.Spread);
        Assert.Equal(TimeSpan.FromSeconds(10), plan.Shaper.Period);
        Assert.Single(plan.ShaperScope.Devices!);
        Assert.Equal((TimeSpan.FromHours(22), TimeSpan.FromHours(6)), Assert.Single(plan.ShaperScope.Windows));
        Assert.Null(plan.Injection);
    }

    [Fact]
    public void Each_direction_has_its_own_rate_and_rate_sets_both()
    {
        var plan = DefenceSpec.Parse("constant:up=2KB/s,down=80kbit/s");
        Assert.Equal(2_000, plan.Shaper!.UpBytesPerSecond);
        Assert.Equal(10_000, plan.Shaper.DownBytesPerSecond);
        Assert.Equal("constant:up=2KB/s,down=10KB/s", plan.ToString());
        var one = DefenceSpec.Parse("constant:rate=5KB/s,down=20KB/s");
        Assert.Equal((5_000, 20_000), (one.Shaper!.UpBytesPerSecond, one.Shaper.DownBytesPerSecond));
        Assert.Equal("constant:rate=5KB/s", DefenceSpec.Parse("ilp:up=5KB/s,down=5000B/s").ToString());
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("", "none")]
    [InlineData("constant+tunnel", "tunnel+constant")]
    [InlineData("VPN:protocol=WG + ilp:rate=10KB/s", "tunnel+constant")]
    [InlineData("tunnel+constant:rate=10KB/s", "tunnel+constant")]
    [InlineData("dot:sni=true", "conceal-dns:sni=true")]
    [InlineData("decoys:per-day=3,jitter=1800s", "decoy:per-day=3")]
    [InlineData("stp:q=0.1,every=60000ms,devices=50:C7:BF:00:FC:A3;00:11:22:33:44:55", "stp:q=0.1,devices=00:11:22:33:44:55;50:c7:bf:00:fc:a3")]
    [InlineData("block:domain=Hello.IS.;a.example,device=18:b4:30:aa:bb:01+block:address=8.8.8.8", "block:device=18:b4:30:aa:bb:01,domain=a.example;hello.is,address=8.8.8.8")]
    [InlineData("vit:rate=1.5MB/s,queue=4194304,spread=0.5,period=90s", "vit:rate=1.5MB/s,period=90s")]
    [InlineData("constant:size=1024,queue=1MB,jitter=0,schedule=06:00-24:00;22:00-02:00", "constant:size=1024,jitter=0,queue=1MB,schedule=06:00-24:00;22:00-02:00")]
    [InlineData("tunnel:endpoint=2001:db8::1", "tunnel:endpoint=2001:db8::1")]
    public void Specs_print_back_in_one_canonical_spelling(string spec, string canonical)
    {
        var plan = DefenceSpec.Parse(spec);
        Assert.Equal(canonical, plan.ToString());
        Assert.Equal(plan, DefenceSpec.Parse(canonical));
    }

    [Theory]
    [InlineData("80kbit/s", 10_000)]
    [InlineData("10KB/s", 10_000)]
    [InlineData("1.5MB/s", 1_500_000)]
    [InlineData("512B/s", 512)]
    [InlineData("10 kb/s", 10_000)]
    [InlineData("1e3B/s", 1_000)]
    public void Rates_use_decimal_units_as_the_papers_do(string text, double expected)
    {
        Assert.True(Units.TryParseRate(text, out var r));
        Assert.Equal(expected, r, 6);
    }

    [Theory]
    [InlineData("InfinityKB/s")]
    [InlineData("NaNB/s")]
    [InlineData("0x10KB/s")]
    [InlineData("10")]
    [InlineData("KB/s")]
    public void Words_and_bare_numbers_are_not_rates(string text) => Assert.False(Units.TryParseRate(text, out _));

    [Theory]
    [InlineData("shape", "defence 'shape': unknown defence 'shape' (none, block, conceal-dns, tunnel, constant, vit, stp, decoy)")]
    [InlineData("constant:rate=fast", "defence 'constant:rate=fast': rate= must be a rate such as 10KB/s or 80kbit/s from 1 B/s to 1 GB/s, got 'fast'")]
    [InlineData("constant:speed=1KB/s", "defence 'constant:speed=1KB/s': unknown key 'speed'")]
    [InlineData("stp:q=2", "defence 'stp:q=2': q= must be from 0 to 1, got '2'")]
    [InlineData("tunnel:protocol=ipsec", "defence 'tunnel:protocol=ipsec': protocol= must be wireguard or openvpn")]
    [InlineData("block", "defence 'block': block needs device=, domain= or address=")]
    [InlineData("block:domain=a b", "defence 'block:domain=a b': domain= must be names such as example.com (letters, digits, '-', '_', '.'), got 'a b'")]
    [InlineData("vit:schedule=25:00-06:00", "defence 'vit:schedule=25:00-06:00': schedule= must be windows such as 06:00-24:00;22:00-02:00 (UTC)")]
    [InlineData("constant:rate", "defence 'constant:rate': expected key=value, got 'rate'")]
    [InlineData("constant:rate=1KB/s,rate=2KB/s", "defence 'constant:rate=1KB/s,rate=2KB/s': rate= is given twice")]
    [InlineData("constant+vit", "defence 'vit': a plan has one shaper part")]
    [InlineData("constant:spread=0.2", "defence 'constant:spread=0.2': unknown key 'spread'")]
    public void Mistakes_are_named(string spec, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => DefenceSpec.Parse(spec)).Message);

    // Issue 15 item 6: each of these hung, grew without bound or exited 70; now one error naming key and range.
    [Theory]
    [InlineData("vit:period=infinitys", "period= must be a duration such as 500ms, 5s, 30m, 2h or 1d from 1 ms to 30 d, got 'infinitys'")]
    [InlineData("constant:rate=1e12KB/s", "rate= must be from 1 B/s to 1 GB/s, got '1e12KB/s'")]
    [InlineData("constant:rate=InfinityKB/s", "rate= must be a rate such as 10KB/s or 80kbit/s from 1 B/s to 1 GB/s, got 'InfinityKB/s'")]
    [InlineData("constant:rate=12345678901234567890KB/s", "rate= must be from 1 B/s to 1 GB/s, got '12345678901234567890KB/s'")]
    [InlineData("constant:rate=0.000001KB/s", "rate= must be from 1 B/s to 1 GB/s, got '0.000001KB/s'")]
    [InlineData("constant:rate=0B/s", "rate= must be from 1 B/s to 1 GB/s, got '0B/s'")]
    [InlineData("constant:up=-5KB/s", "up= must be from 1 B/s to 1 GB/s, got '-5KB/s'")]
    [InlineData("constant:down=NaNKB/s", "down= must be a rate such as 10KB/s or 80kbit/s from 1 B/s to 1 GB/s, got 'NaNKB/s'")]
    [InlineData("constant:size=63", "size= must be from 64 B to 65,535 B, got '63'")]
    [InlineData("constant:queue=1e30", "queue= must be from 1 KB to 1 GB, got '1e30'")]
    [InlineData("vit:period=0s", "period= must be from 1 ms to 30 d, got '0s'")]
    [InlineData("vit:period=1e30d", "period= must be from 1 ms to 30 d, got '1e30d'")]
    [InlineData("vit:period=31d", "period= must be from 1 ms to 30 d, got '31d'")]
    [InlineData("vit:spread=1", "spread= must be from 0 to 0.9, got '1'")]
    [InlineData("constant:jitter=-0.1", "jitter= must be from 0 to 1, got '-0.1'")]
    [InlineData("stp:every=0.5ms", "every= must be from 1 ms to 30 d, got '0.5ms'")]
    [InlineData("decoy:per-day=1e9", "per-day= must be from 0 to 1,000, got '1e9'")]
    public void Absurd_values_are_refused_naming_the_key_and_its_range(string spec, string message) =>
        Assert.Equal($"defence '{spec}': {message}", Assert.Throws<FormatException>(() => DefenceSpec.Parse(spec)).Message);

    [Fact]
    public void The_range_ends_are_accepted()
    {
        var low = DefenceSpec.Parse("vit:rate=1B/s,size=64,queue=1KB,period=1ms,spread=0.9,jitter=0").Shaper!;
        Assert.Equal((1, 64, 1_000, TimeSpan.FromMilliseconds(1), 0.9), (low.UpBytesPerSecond, low.PacketBytes, low.QueueBytes, low.Period, low.Spread));
        var high = DefenceSpec.Parse("vit:rate=1GB/s,size=65535,queue=1GB,period=30d,jitter=1").Shaper!;
        Assert.Equal((1e9, 65_535, 1_000_000_000, TimeSpan.FromDays(30)), (high.UpBytesPerSecond, high.PacketBytes, high.QueueBytes, high.Period));
    }

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
