using Blinds.Defences.Specs;
using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

using FsCheck.Xunit;

using Xunit;

namespace Blinds.Defences.Tests;

/// <summary>
/// parse(print(plan)) == plan for generated plans. Plans compare by value: <see cref="BlockRules"/> and
/// <see cref="MacScope"/> implement equality over their sets' members, so the record equality of
/// <see cref="DefencePlan"/> is the plan's meaning, and the canonical text is compared besides.
/// </summary>
public class DefencePlanProperties
{
    [Property(MaxTest = 2000)]
    public void Parsing_the_printed_plan_gives_the_plan(int seed)
    {
        var plan = Generate(new Random(seed));
        var text = plan.ToString();
        var back = DefenceSpec.Parse(text);
        Assert.Equal(plan, back);
        Assert.Equal(text, back.ToString());
    }

    [Property(MaxTest = 2000)]
    public void Rates_sizes_and_durations_print_exactly(int seed)
    {
        var r = new Random(seed);
        var rate = Rate(r);
        Assert.True(Units.TryParseRate(Units.WriteRate(rate), out var back));
        Assert.Equal(rate, back);
        var size = (double)r.NextInt64(1, 1_000_000_000_000_000);
        Assert.True(Units.TryParseSize(Units.WriteSize(size), out var sizeBack));
        Assert.Equal(size, sizeBack);
        var duration = Duration(r);
        Assert.True(Units.TryParseDuration(Units.WriteDuration(duration), out var durationBack));
        Assert.Equal(duration, durationBack);
    }

    [Fact]
    public void Plans_with_the_same_members_are_equal_whatever_the_sets_order()
    {
        var a = DefenceSpec.Parse("block:device=00:00:00:00:00:02;00:00:00:00:00:01+constant:devices=00:00:00:00:00:01;00:00:00:00:00:02");
        var b = DefenceSpec.Parse("constant:devices=00:00:00:00:00:02;00:00:00:00:00:01+block:device=00:00:00:00:00:01;00:00:00:00:00:02");
        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { ShaperScope = MacScope.All });
        Assert.NotEqual(a, b with { Shaper = b.Shaper! with { DownBytesPerSecond = 1 } });
    }

    internal static DefencePlan Generate(Random r)
    {
        var plan = DefencePlan.None;
        if (r.Next(3) == 0)
        {
            var devices = Set(r, 3, () => Mac(r));
            var domains = Set(r, 3, () => Domain(r));
            var addresses = Set(r, 3, () => Ip(r));
            if (devices.Count + domains.Count + addresses.Count == 0)
            {
                domains.Add(Domain(r));
            }

            plan = plan with { Block = new BlockRules(devices, domains, addresses) };
        }

        if (r.Next(3) == 0)
        {
            plan = plan with { ConcealDns = true, ConcealSni = r.Next(2) == 0 };
        }

        if (r.Next(2) == 0)
        {
            plan = plan with { Tunnel = r.Next(2) == 0 ? TunnelProtocol.WireGuard : TunnelProtocol.OpenVpn, Endpoint = r.Next(2) == 0 ? DefencePlan.DefaultEndpoint : Ip(r) };
        }

        if (r.Next(3) > 0)
        {
            var up = Rate(r);
            plan = plan.WithShaper(
                new ShaperOptions
                {
                    UpBytesPerSecond = up,
                    DownBytesPerSecond = r.Next(2) == 0 ? up : Rate(r),
                    PacketBytes = r.Next(3) == 0 ? 512 : r.Next(64, 65_536),
                    Jitter = r.Next(3) == 0 ? 0.01 : r.NextDouble(),
                    Spread = r.Next(2) == 0 ? 0 : r.Next(3) == 0 ? 0.5 : Math.Max(1e-9, r.NextDouble() * 0.9),
                    Period = r.Next(3) == 0 ? TimeSpan.FromSeconds(5) : Duration(r),
                    QueueBytes = r.Next(3) == 0 ? 4 << 20 : r.NextInt64(1_000, 1_000_000_001),
                },
                Scope(r));
        }

        if (r.Next(2) == 0)
        {
            plan = plan.WithInjection(
                r.Next(2) == 0
                    ? new InjectionOptions { Timing = InjectionTiming.Stochastic, Q = r.Next(3) == 0 ? 0.05 : r.NextDouble(), Every = r.Next(3) == 0 ? TimeSpan.FromMinutes(1) : Duration(r) }
                    : new InjectionOptions { Timing = InjectionTiming.Decoy, PerDay = r.Next(3) == 0 ? null : r.NextDouble() * 1_000, Jitter = r.Next(3) == 0 ? TimeSpan.FromMinutes(30) : Duration(r) },
                Scope(r));
        }

        return plan;
    }

    // Nice values ("64KB/s") and arbitrary doubles across the whole range.
    private static double Rate(Random r) => r.Next(2) == 0
        ? r.Next(1, 1_000) * Math.Pow(10, r.Next(0, 7))
        : Math.Clamp(Math.Exp(r.NextDouble() * Math.Log(1e9)), 1, 1e9);

    private static TimeSpan Duration(Random r) => r.Next(2) == 0
        ? TimeSpan.FromSeconds(r.Next(1, 3_600))
        : TimeSpan.FromTicks(r.NextInt64(TimeSpan.TicksPerMillisecond, (TimeSpan.TicksPerDay * 30) + 1));

    private static MacScope Scope(Random r)
    {
        var devices = r.Next(2) == 0 ? null : Set(r, 4, () => Mac(r));
        var windows = Enumerable.Range(0, r.Next(0, 3)).Select(_ => (Time(r), Time(r))).ToArray();
        return new MacScope(devices, windows);
    }

    private static TimeSpan Time(Random r) => r.Next(20) == 0 ? TimeSpan.FromHours(24) : new TimeSpan(r.Next(24), r.Next(60), 0);

    private static MacAddress Mac(Random r) => new((ulong)r.NextInt64(0, 1L << 48));

    private static IpAddress Ip(Random r) => r.Next(2) == 0
        ? IpAddress.FromV4((uint)r.NextInt64(0, 1L << 32))
        : new IpAddress(0x2001_0db8_0000_0000UL | (ulong)r.NextInt64(0, 1L << 32), (ulong)r.NextInt64());

    private static string Domain(Random r)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Join(".", Enumerable.Range(0, r.Next(1, 4)).Select(_ => new string(Enumerable.Range(0, r.Next(1, 12)).Select(_ => letters[r.Next(letters.Length)]).ToArray())));
    }

    private static HashSet<T> Set<T>(Random r, int most, Func<T> item) => Enumerable.Range(0, r.Next(0, most + 1)).Select(_ => item()).ToHashSet();
}
