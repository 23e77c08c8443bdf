using System.Globalization;

using Blinds.Defences.Stages;
using Blinds.Protocols.Addressing;

namespace Blinds.Defences.Specs;

/// <summary>
/// Parses a defence as written on the command line: parts joined by "+", each "name" or "name:key=value,key=value";
/// lists inside a value are separated by ";". Names: none, block, conceal-dns, tunnel, constant (or ilp), vit, stp,
/// decoy. docs/defences.md lists every key. Errors are <see cref="FormatException"/>s naming the part and key.
/// </summary>
public static class DefenceSpec
{
    /// <summary>The plan <paramref name="text"/> describes.</summary>
    public static DefencePlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plan = new DefencePlan { Text = text.Trim() };
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

                    keys[kv[..eq].Trim().ToLowerInvariant()] = kv[(eq + 1)..].Trim();
                }
            }

            var part = new Part(raw, keys);
            plan = name switch
            {
                "none" => plan,
                "block" => plan with { Block = Block(part) },
                "conceal-dns" or "doh" or "dot" => plan with { ConcealDns = true, ConcealSni = part.Bool("sni", false) },
                "tunnel" or "vpn" => plan with
                {
                    Tunnel = TunnelProtocol.Parse(part.Text("protocol", "wireguard")) ?? throw part.Bad("protocol", "wireguard or openvpn"),
                    Endpoint = part.Address("endpoint", plan.Endpoint),
                },
                "constant" or "ilp" => plan with { Shaper = Shaper(part, vit: false), ShaperScope = Scope(part) },
                "vit" => plan with { Shaper = Shaper(part, vit: true), ShaperScope = Scope(part) },
                "stp" => plan with
                {
                    Injection = new InjectionOptions { Timing = InjectionTiming.Stochastic, Q = part.Probability("q", 0.05), Every = part.Duration("every", TimeSpan.FromMinutes(1)) },
                    InjectionScope = Scope(part),
                },
                "decoy" or "decoys" => plan with
                {
                    Injection = new InjectionOptions { Timing = InjectionTiming.Decoy, PerDay = part.Has("per-day") ? part.Number("per-day", 0) : null, Jitter = part.Duration("jitter", TimeSpan.FromMinutes(30)) },
                    InjectionScope = Scope(part),
                },
                _ => throw new FormatException($"defence '{raw}': unknown defence '{name}' (none, block, conceal-dns, tunnel, constant, vit, stp, decoy)"),
            };
            part.CheckAllUsed();
        }

        return plan;
    }

    private static ShaperOptions Shaper(Part p, bool vit)
    {
        var d = new ShaperOptions();
        var rate = p.Rate("rate", d.BytesPerSecond);
        if (rate <= 0)
        {
            throw p.Bad("rate", "a positive rate such as 10KB/s");
        }

        var size = (int)p.Size("size", d.PacketBytes);
        if (size is < 64 or > 65_535)
        {
            throw p.Bad("size", "64 to 65535 bytes");
        }

        var header = (int)p.Size("header", 0);
        if (header < 0 || header >= size)
        {
            throw p.Bad("header", "0 up to below the slot size");
        }

        return d with
        {
            BytesPerSecond = rate,
            PacketBytes = size,
            HeaderBytes = header,
            Jitter = p.Number("jitter", d.Jitter),
            Spread = vit ? p.Probability("spread", 0.5) : 0,
            Period = p.Duration("period", d.Period),
            QueueBytes = (long)p.Size("queue", d.QueueBytes),
        };
    }

    private static BlockRules Block(Part p)
    {
        var devices = p.List("device").Select(v => MacAddress.TryParse(v, out var m) ? m : throw p.Bad("device", "MAC addresses")).ToHashSet();
        var domains = p.List("domain").Select(v => v.TrimEnd('.').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var addresses = p.List("address").Select(v => IpAddress.TryParse(v, out var a) ? a : throw p.Bad("address", "IP addresses")).ToHashSet();
        if (devices.Count + domains.Count + addresses.Count == 0)
        {
            throw new FormatException($"defence '{p.Raw}': block needs device=, domain= or address=");
        }

        return new BlockRules(devices, domains, addresses);
    }

    private static MacScope Scope(Part p)
    {
        var devices = p.Has("devices") ? p.List("devices").Select(v => MacAddress.TryParse(v, out var m) ? m : throw p.Bad("devices", "MAC addresses")).ToHashSet() : null;
        var windows = p.List("schedule").Select(w =>
        {
            var dash = w.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 && TryTime(w[..dash], out var a) && TryTime(w[(dash + 1)..], out var b) ? (a, b) : throw p.Bad("schedule", "windows such as 06:00-24:00;22:00-02:00 (UTC)");
        }).ToArray();
        return new MacScope(devices, windows);
    }

    private static bool TryTime(string s, out TimeSpan t)
    {
        t = default;
        var parts = s.Trim().Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var h) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m) || h is < 0 or > 24 || m is < 0 or > 59 || (h == 24 && m != 0))
        {
            return false;
        }

        t = new TimeSpan(h, m, 0);
        return true;
    }

    private sealed class Part(string raw, Dictionary<string, string> keys)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal);

        public string Raw => raw;

        public bool Has(string key) => keys.ContainsKey(key);

        public string Text(string key, string fallback) => Get(key) ?? fallback;

        public string[] List(string key) => (Get(key) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        public bool Bool(string key, bool fallback) => Get(key) is not { } v ? fallback : bool.TryParse(v, out var b) ? b : throw Bad(key, "true or false");

        public double Number(string key, double fallback) =>
            Get(key) is not { } v ? fallback : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw Bad(key, "a number ≥ 0");

        public double Probability(string key, double fallback)
        {
            var v = Number(key, fallback);
            return v <= 1 ? v : throw Bad(key, "a number from 0 to 1");
        }

        public double Rate(string key, double fallback) =>
            Get(key) is not { } v ? fallback : Units.TryParseRate(v, out var r) ? r : throw Bad(key, "a rate such as 10KB/s or 80kbit/s");

        public double Size(string key, double fallback) =>
            Get(key) is not { } v ? fallback : Units.TryParseSize(v, out var r) ? r : throw Bad(key, "a size such as 512 or 4MB");

        public TimeSpan Duration(string key, TimeSpan fallback) =>
            Get(key) is not { } v ? fallback : Units.TryParseDuration(v, out var r) && r > TimeSpan.Zero ? r : throw Bad(key, "a duration such as 5s or 30m");

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

        private string? Get(string key)
        {
            used.Add(key);
            return keys.GetValueOrDefault(key);
        }
    }
}
