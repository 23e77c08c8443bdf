using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

using Blinds.Protocols.Addressing;

namespace Blinds.Lab;

/// <summary>
/// Scenario files: JSON, documented in docs/lab.md. Activities are either fixed (`at` = offset from the start,
/// "HH:MM[:SS]" or "D.HH:MM:SS") or daily routines (`daily` = "HH:MM", repeated every day of the run, moved by up to
/// `jitter_minutes` either way with the scenario's seed).
/// </summary>
public static class ScenarioFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a scenario; throws <see cref="FormatException"/> with a one-line message naming the problem.</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ScenarioDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<ScenarioDto>(File.ReadAllText(path), Options) ?? throw new FormatException($"{path}: empty scenario");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }

        return ToScenario(dto, path);
    }

    /// <summary>Writes <paramref name="scenario"/> as JSON (what `blinds lab scenario` prints).</summary>
    public static string Serialize(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var dto = new ScenarioDto
        {
            Name = scenario.Name,
            Seed = scenario.Seed,
            Start = scenario.Start,
            Duration = Span(scenario.Duration),
            Gateway = new GatewayDto { Mac = scenario.GatewayMac.ToString(), Address = scenario.GatewayAddress.ToString(), PublicAddress = scenario.PublicAddress.ToString() },
            Devices = scenario.Devices.Select(d => new DeviceDto
            {
                Name = d.Name,
                Kind = d.Kind,
                Mac = d.Mac.ToString(),
                Address = d.Address.ToString(),
                HostName = d.HostName,
                VendorClass = d.VendorClass,
                ParameterList = [.. d.ParameterList.Select(b => (int)b)],
                Domains = [.. d.Domains],
                HeartbeatSeconds = d.HeartbeatSeconds,
                HeartbeatBytes = [d.Heartbeat.Up, d.Heartbeat.Down],
                StreamBytesPerSecond = d.StreamBytesPerSecond,
                StreamPacketBytes = d.StreamPacketBytes,
                LiveFactor = d.LiveFactor,
                BurstBytes = [d.Burst.Up, d.Burst.Down],
                Alpn = d.Alpn,
                MacRotationHours = d.MacRotation?.TotalHours,
            }).ToList(),
            Activities = scenario.Activities.OrderBy(a => a.At).Select(a => new ActivityDto { At = Span(a.At), Device = a.Device, Activity = a.Activity }).ToList(),
        };
        return JsonSerializer.Serialize(dto, Options);
    }

    private static Scenario ToScenario(ScenarioDto dto, string path)
    {
        string Where(string what) => $"{path}: {what}";
        if (dto.Devices is not { Count: > 0 })
        {
            throw new FormatException(Where("a scenario needs at least one device"));
        }

        var devices = new List<LabDevice>();
        foreach (var d in dto.Devices)
        {
            if (string.IsNullOrWhiteSpace(d.Name) || !MacAddress.TryParse(d.Mac, out var mac) || !IpAddress.TryParse(d.Address, out var ip) || !ip.IsV4)
            {
                throw new FormatException(Where($"device '{d.Name}': needs a name, a mac and an IPv4 address"));
            }

            if (d.Domains is not { Count: > 0 })
            {
                throw new FormatException(Where($"device '{d.Name}': needs at least one domain"));
            }

            devices.Add(new LabDevice
            {
                Name = d.Name,
                Kind = d.Kind,
                Mac = mac,
                Address = ip,
                HostName = d.HostName,
                VendorClass = d.VendorClass,
                ParameterList = d.ParameterList is { } prl ? [.. prl.Select(x => (byte)x)] : [1, 3, 6, 12, 15, 28, 42],
                Domains = d.Domains,
                HeartbeatSeconds = d.HeartbeatSeconds is > 0 ? d.HeartbeatSeconds.Value : throw new FormatException(Where($"device '{d.Name}': heartbeat_seconds must be positive")),
                Heartbeat = Pair(d.HeartbeatBytes, (120, 80)),
                StreamBytesPerSecond = d.StreamBytesPerSecond ?? 0,
                StreamPacketBytes = d.StreamPacketBytes ?? 1200,
                LiveFactor = d.LiveFactor ?? 25,
                Burst = Pair(d.BurstBytes, (3000, 2000)),
                Alpn = d.Alpn,
                MacRotation = d.MacRotationHours is { } h ? TimeSpan.FromHours(h) : null,
            });
        }

        var names = devices.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var duration = ParseSpan(dto.Duration ?? "1.00:00:00", Where);
        var rng = new Random(dto.Seed);
        var activities = new List<(TimeSpan, string, string)>();
        foreach (var a in dto.Activities ?? [])
        {
            if (!names.Contains(a.Device))
            {
                throw new FormatException(Where($"activity '{a.Activity}': no device named '{a.Device}'"));
            }

            if (a.Daily is { } daily)
            {
                var time = ParseSpan(daily, Where);
                for (var day = TimeSpan.Zero; day < duration; day += TimeSpan.FromDays(1))
                {
                    var jitter = TimeSpan.FromMinutes((rng.NextDouble() - 0.5) * 2 * (a.JitterMinutes ?? 0));
                    activities.Add((day + time + jitter, a.Device, a.Activity));
                }
            }
            else if (a.At is { } at)
            {
                activities.Add((ParseSpan(at, Where), a.Device, a.Activity));
            }
            else
            {
                throw new FormatException(Where($"activity '{a.Activity}': needs 'at' or 'daily'"));
            }
        }

        var gateway = dto.Gateway ?? new GatewayDto();
        return new Scenario
        {
            Name = dto.Name ?? Path.GetFileNameWithoutExtension(path),
            Seed = dto.Seed,
            Start = dto.Start ?? new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
            Duration = duration,
            GatewayMac = MacAddress.TryParse(gateway.Mac, out var gm) ? gm : throw new FormatException(Where("gateway.mac is not a MAC address")),
            GatewayAddress = IpAddress.TryParse(gateway.Address, out var ga) && ga.IsV4 ? ga : throw new FormatException(Where("gateway.address is not an IPv4 address")),
            PublicAddress = IpAddress.TryParse(gateway.PublicAddress, out var pa) && pa.IsV4 && !pa.IsLocal ? pa : throw new FormatException(Where("gateway.public_address is not a public IPv4 address")),
            Devices = devices,
            Activities = activities,
        };
    }

    private static (int, int) Pair(List<int>? values, (int, int) fallback) =>
        values is [var a, var b] ? (a, b) : fallback;

    private static string Span(TimeSpan t) => t.ToString(t.Days > 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static TimeSpan ParseSpan(string text, Func<string, string> where) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero
            ? t
            : throw new FormatException(where($"'{text}' is not a time span (HH:MM[:SS] or D.HH:MM:SS)"));

    private sealed class ScenarioDto
    {
        public string? Name { get; set; }

        public int Seed { get; set; } = 1;

        public DateTimeOffset? Start { get; set; }

        public string? Duration { get; set; }

        public GatewayDto? Gateway { get; set; }

        public List<DeviceDto>? Devices { get; set; }

        public List<ActivityDto>? Activities { get; set; }
    }

    private sealed class GatewayDto
    {
        public string Mac { get; set; } = "b8:27:eb:00:00:01";

        public string Address { get; set; } = "192.168.1.1";

        public string PublicAddress { get; set; } = "198.51.100.23";
    }

    private sealed class DeviceDto
    {
        public string Name { get; set; } = string.Empty;

        public BehaviourModel Kind { get; set; }

        public string Mac { get; set; } = string.Empty;

        public string Address { get; set; } = string.Empty;

        public string? HostName { get; set; }

        public string? VendorClass { get; set; }

        public List<int>? ParameterList { get; set; }

        public List<string>? Domains { get; set; }

        public double? HeartbeatSeconds { get; set; } = 30;

        public List<int>? HeartbeatBytes { get; set; }

        public double? StreamBytesPerSecond { get; set; }

        public int? StreamPacketBytes { get; set; }

        public double? LiveFactor { get; set; }

        public List<int>? BurstBytes { get; set; }

        public string? Alpn { get; set; }

        public double? MacRotationHours { get; set; }
    }

    private sealed class ActivityDto
    {
        public string? At { get; set; }

        public string? Daily { get; set; }

        public double? JitterMinutes { get; set; }

        public string Device { get; set; } = string.Empty;

        public string Activity { get; set; } = string.Empty;
    }
}
