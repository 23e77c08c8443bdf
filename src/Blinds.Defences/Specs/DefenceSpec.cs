using System.Text;

using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>
/// The defence language: parts joined by "+", each "name" or "name:key=value,key=value"; lists inside a value are
/// separated by ";". Names: none, block, conceal-dns, tunnel, constant (or ilp), vit, stp, decoy. docs/defences.md
/// lists every key and its range. <see cref="Parse"/> reads it once into a <see cref="DefencePlan"/>;
/// <see cref="Format"/> writes a plan back in one canonical spelling. Errors are <see cref="FormatException"/>s
/// naming the part, the key and the accepted range.
/// </summary>
public static class DefenceSpec
{
    private const string Names = "none, block, conceal-dns, tunnel, constant, vit, stp, decoy";
    private static readonly ShaperOptions ShaperDefaults = new();
    private static readonly InjectionOptions InjectionDefaults = new();
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DefaultDecoyJitter = TimeSpan.FromMinutes(30);
    private const double DefaultSpread = 0.5;
    private const double DefaultQ = 0.05;

    /// <summary>The plan <paramref name="text"/> describes.</summary>
    public static DefencePlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plan = DefencePlan.None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? raw : raw[..colon]).Trim().ToLowerInvariant();
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            if (colon >= 0)
            {
                foreach (var kv in raw[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = kv.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new FormatException($"defence '{raw}': expected key=value, got '{kv}'");
                    }

                    if (!keys.TryAdd(kv[..eq].Trim().ToLowerInvariant(), kv[(eq + 1)..].Trim()))
                    {
                        throw new FormatException($"defence '{raw}': {kv[..eq].Trim()}= is given twice");
                    }
                }
            }

            // One of each kind: "constant+vit" or "stp+decoy" would silently keep only the last.
            var kind = name switch
            {
                "constant" or "ilp" or "vit" => "shaper",
                "stp" or "decoy" or "decoys" => "injection",
                "doh" or "dot" => "conceal-dns",
                "vpn" => "tunnel",
                _ => name,
            };
            if (kind is not "none" and not "block" && !seen.Add(kind))
            {
                throw new FormatException($"defence '{raw}': a plan has one {kind} part");
            }

            var part = new Part(raw, keys);
            plan = name switch
            {
                "none" => plan,
                "block" => plan with { Block = Merge(plan.Block, Block(part)) },
                "conceal-dns" or "doh" or "dot" => plan with { ConcealDns = true, ConcealSni = part.Bool("sni", false) },
                "tunnel" or "vpn" => plan with
                {
                    Tunnel = TunnelProtocol.Parse(part.Text("protocol", "wireguard")) ?? throw part.Bad("protocol", "wireguard or openvpn"),
                    Endpoint = part.Address("endpoint", DefencePlan.DefaultEndpoint),
                },
                "constant" or "ilp" => plan with { Shaper = Shaper(part, vit: false), ShaperScope = Scope(part) },
                "vit" => plan with { Shaper = Shaper(part, vit: true), ShaperScope = Scope(part) },
                "stp" => plan with
                {
                    Injection = new InjectionOptions
                    {
                        Timing = InjectionTiming.Stochastic,
                        Q = part.Number("q", DefaultQ, Units.Probability),
                        Every = part.Duration("every", DefaultEvery),
                    },
                    InjectionScope = Scope(part),
                },
                "decoy" or "decoys" => plan with
                {
                    Injection = new InjectionOptions
                    {
                        Timing = InjectionTiming.Decoy,
                        PerDay = part.Has("per-day") ? part.Number("per-day", 0, Units.PerDay) : null,
                        Jitter = part.Duration("jitter", DefaultDecoyJitter),
                    },
                    InjectionScope = Scope(part),
                },
                _ => throw new FormatException($"defence '{raw}': unknown defence '{name}' ({Names})"),
            };
            part.CheckAllUsed();
        }

        return plan;
    }

    /// <summary>
    /// The canonical text of <paramref name="plan"/>: parts in a gateway's order (block, conceal-dns, tunnel,
    /// constant or vit, stp or decoy), keys in a fixed order and only where they differ from the defaults, lists
    /// sorted, values in the shortest exact units. <c>Parse(Format(p))</c> equals <c>p</c>.
    /// </summary>
    public static string Format(DefencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new List<string>();
        if (plan.Block is { } b)
        {
            parts.Add(Write("block", [
                ("device", List(b.Devices.Order().Select(m => m.ToString()))),
                ("domain", List(b.Domains.Order(StringComparer.Ordinal))),
                ("address", List(b.Addresses.Order().Select(a => a.ToString()))),
            ]));
        }

        if (plan.ConcealDns || plan.ConcealSni)
        {
            parts.Add(Write("conceal-dns", [("sni", plan.ConcealSni ? "true" : null)]));
        }

        if (plan.Tunnel is { } tunnel)
        {
            parts.Add(Write("tunnel", [
                ("protocol", tunnel == TunnelProtocol.WireGuard ? null : tunnel.Name),
                ("endpoint", plan.Endpoint == DefencePlan.DefaultEndpoint ? null : plan.Endpoint.ToString()),
            ]));
        }

        if (plan.Shaper is { } s)
        {
            var d = ShaperDefaults;
            var sameRate = s.UpBytesPerSecond.Equals(s.DownBytesPerSecond);
            parts.Add(Write(s.Vit ? "vit" : "constant", [
                ("rate", sameRate && !s.UpBytesPerSecond.Equals(d.UpBytesPerSecond) ? Units.WriteRate(s.UpBytesPerSecond) : null),
                ("up", sameRate ? null : Units.WriteRate(s.UpBytesPerSecond)),
                ("down", sameRate ? null : Units.WriteRate(s.DownBytesPerSecond)),
                ("size", s.PacketBytes == d.PacketBytes ? null : s.PacketBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("header", s.HeaderBytes == 0 ? null : s.HeaderBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("jitter", s.Jitter.Equals(d.Jitter) ? null : Units.WriteNumber(s.Jitter)),
                ("queue", s.QueueBytes == d.QueueBytes ? null : Units.WriteSize(s.QueueBytes)),
                ("spread", !s.Vit || s.Spread.Equals(DefaultSpread) ? null : Units.WriteNumber(s.Spread)),
                ("period", s.Period == d.Period ? null : Units.WriteDuration(s.Period)),
                .. ScopeKeys(plan.ShaperScope),
            ]));
        }

        if (plan.Injection is { } i)
        {
            parts.Add(i.Timing == InjectionTiming.Stochastic
                ? Write("stp", [
                    ("q", i.Q.Equals(DefaultQ) ? null : Units.WriteNumber(i.Q)),
                    ("every", i.Every == DefaultEvery ? null : Units.WriteDuration(i.Every)),
                    .. ScopeKeys(plan.InjectionScope),
                ])
                : Write("decoy", [
                    ("per-day", i.PerDay is { } n ? Units.WriteNumber(n) : null),
                    ("jitter", i.Jitter == DefaultDecoyJitter ? null : Units.WriteDuration(i.Jitter)),
                    .. ScopeKeys(plan.InjectionScope),
                ]));
        }

        return parts.Count == 0 ? "none" : string.Join("+", parts);
    }

    private static (string Key, string? Value)[] ScopeKeys(MacScope scope) =>
    [
        ("devices", scope.Devices is null ? null : string.Join(";", scope.Devices.Order().Select(m => m.ToString()))),
        ("schedule", scope.Windows.Count == 0 ? null : string.Join(";", scope.Windows.Select(w => Units.WriteTimeOfDay(w.Start) + "-" + Units.WriteTimeOfDay(w.End)))),
    ];

    private static string? List(IEnumerable<string> values)
    {
        var text = string.Join(";", values);
        return text.Length == 0 ? null : text;
    }

    private static string Write(string name, (string Key, string? Value)[] keys)
    {
        var text = new StringBuilder(name);
        var first = true;
        foreach (var (key, value) in keys)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(first ? ':' : ',').Append(key).Append('=').Append(value);
            first = false;
        }

        return text.ToString();
    }

    private static ShaperOptions Shaper(Part p, bool vit)
    {
        var d = ShaperDefaults;
        var rate = p.Rate("rate", d.UpBytesPerSecond);
        var size = (int)p.Size("size", d.PacketBytes, Units.SlotSize);
        // header= is what the live cell path's own headers take of each slot (docs/shaping.md): 0 up to below the slot.
        var header = (int)p.Number("header", 0, new UnitRange(0, size - 1, UnitKind.Number));
        return d with
        {
            UpBytesPerSecond = p.Rate("up", rate),
            DownBytesPerSecond = p.Rate("down", rate),
            PacketBytes = size,
            HeaderBytes = header,
            Jitter = p.Number("jitter", d.Jitter, Units.Probability),
            Spread = vit ? p.Number("spread", DefaultSpread, Units.Spread) : 0,
            Period = p.Duration("period", d.Period),
            QueueBytes = (long)p.Size("queue", d.QueueBytes, Units.QueueSize),
        };
    }

    private static BlockRules Block(Part p)
    {
        var devices = p.List("device").Select(v => MacAddress.TryParse(v, out var m) ? m : throw p.Bad("device", "MAC addresses")).ToHashSet();
        var domains = p.List("domain").Select(v => Domain(p, v)).ToHashSet(StringComparer.Ordinal);
        var addresses = p.List("address").Select(v => IpAddress.TryParse(v, out var a) ? a : throw p.Bad("address", "IP addresses")).ToHashSet();
        if (devices.Count + domains.Count + addresses.Count == 0)
        {
            throw new FormatException($"defence '{p.Raw}': block needs device=, domain= or address=");
        }

        return new BlockRules(devices, domains, addresses);
    }

    // A domain is letters, digits, '-', '_' and dots: anything else could not be written back into the language.
    private static string Domain(Part p, string value)
    {
        var d = value.TrimEnd('.').ToLowerInvariant();
        return d.Length > 0 && d.Length <= 253 && d.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '*')
            ? d
            : throw p.Bad("domain", $"names such as example.com (letters, digits, '-', '_', '.'), got '{value}'");
    }

    private static BlockRules Merge(BlockRules? a, BlockRules b) => a is null ? b : new BlockRules(
        a.Devices.Union(b.Devices).ToHashSet(),
        a.Domains.Union(b.Domains, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal),
        a.Addresses.Union(b.Addresses).ToHashSet());

    private static MacScope Scope(Part p)
    {
        var devices = p.Has("devices") ? p.List("devices").Select(v => MacAddress.TryParse(v, out var m) ? m : throw p.Bad("devices", "MAC addresses")).ToHashSet() : null;
        var windows = p.List("schedule").Select(w =>
        {
            var dash = w.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 && Units.TryParseTimeOfDay(w[..dash], out var a) && Units.TryParseTimeOfDay(w[(dash + 1)..], out var b)
                ? (a, b)
                : throw p.Bad("schedule", "windows such as 06:00-24:00;22:00-02:00 (UTC)");
        }).ToArray();
        return new MacScope(devices, windows);
    }

    private sealed class Part(string raw, Dictionary<string, string> keys)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public string Raw => raw;

        public bool Has(string key) => keys.ContainsKey(key);

        public string Text(string key, string fallback) => Get(key) ?? fallback;

        public string[] List(string key) => (Get(key) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        public bool Bool(string key, bool fallback) => Get(key) is not { } v ? fallback : bool.TryParse(v, out var b) ? b : throw Bad(key, "true or false");

        public double Number(string key, double fallback, UnitRange range) => Get(key) is not { } v ? fallback : Guard(() => Units.ParseNumber(v, key + "=", range));

        public double Rate(string key, double fallback) => Get(key) is not { } v ? fallback : Guard(() => Units.ParseRate(v, key + "="));

        public double Size(string key, double fallback, UnitRange range) => Get(key) is not { } v ? fallback : Guard(() => Units.ParseSize(v, key + "=", range));

        public TimeSpan Duration(string key, TimeSpan fallback) => Get(key) is not { } v ? fallback : Guard(() => Units.ParseDuration(v, key + "="));

        public IpAddress Address(string key, IpAddress fallback) =>
            Get(key) is not { } v ? fallback : IpAddress.TryParse(v, out var a) ? a : throw Bad(key, "an IP address");

        public FormatException Bad(string key, string expected) => new($"defence '{raw}': {key}= must be {expected}");

        public void CheckAllUsed()
        {
            var unknown = keys.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToArray();
            if (unknown.Length > 0)
            {
                throw new FormatException($"defence '{raw}': unknown key '{unknown[0]}'");
            }
        }

        private T Guard<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (FormatException e)
            {
                throw new FormatException($"defence '{raw}': {e.Message}", e);
            }
        }

        private string? Get(string key)
        {
            used.Add(key);
            return keys.GetValueOrDefault(key);
        }
    }
}
