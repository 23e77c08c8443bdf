using System.Collections.Frozen;

namespace Blinds.Attacks.Kinds;

/// <summary>The text forms of <see cref="DeviceKind"/>: the spellings people and datasets use, and the one Blinds writes.</summary>
public static class DeviceKindText
{
    private static readonly FrozenDictionary<string, DeviceKind> Spellings = new Dictionary<string, DeviceKind>(StringComparer.Ordinal)
    {
        ["plug"] = DeviceKind.Plug,
        ["switch"] = DeviceKind.Plug,
        ["outlet"] = DeviceKind.Plug,
        ["socket"] = DeviceKind.Plug,
        ["smart_plug"] = DeviceKind.Plug,
        ["light"] = DeviceKind.Plug,
        ["bulb"] = DeviceKind.Plug,
        ["camera"] = DeviceKind.Camera,
        ["cam"] = DeviceKind.Camera,
        ["doorbell"] = DeviceKind.Camera,
        ["assistant"] = DeviceKind.Assistant,
        ["speaker"] = DeviceKind.Assistant,
        ["smart_speaker"] = DeviceKind.Assistant,
        ["voice_assistant"] = DeviceKind.Assistant,
        ["sleep_monitor"] = DeviceKind.SleepMonitor,
        ["sleep"] = DeviceKind.SleepMonitor,
        ["hub"] = DeviceKind.Hub,
        ["hue_bridge"] = DeviceKind.Hub,
        ["bridge"] = DeviceKind.Hub,
        ["gateway"] = DeviceKind.Hub,
        ["lock"] = DeviceKind.Lock,
        ["door_lock"] = DeviceKind.Lock,
        ["smart_lock"] = DeviceKind.Lock,
        ["phone"] = DeviceKind.Phone,
        ["smartphone"] = DeviceKind.Phone,
        ["tablet"] = DeviceKind.Phone,
        ["laptop"] = DeviceKind.Laptop,
        ["computer"] = DeviceKind.Laptop,
        ["pc"] = DeviceKind.Laptop,
        ["media_player"] = DeviceKind.MediaPlayer,
        ["tv"] = DeviceKind.MediaPlayer,
        ["streamer"] = DeviceKind.MediaPlayer,
        ["weather_station"] = DeviceKind.WeatherStation,
        ["air_quality"] = DeviceKind.AirQuality,
        ["sensor"] = DeviceKind.Sensor,
        ["door_sensor"] = DeviceKind.Sensor,
        ["motion_sensor"] = DeviceKind.Sensor,
        ["smoke_detector"] = DeviceKind.Sensor,
        ["water_sensor"] = DeviceKind.Sensor,
        ["thermostat"] = DeviceKind.Thermostat,
        ["heating"] = DeviceKind.Thermostat,
        ["unknown"] = DeviceKind.Unknown,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every kind Blinds knows, by its written form, for error messages.</summary>
    public static string Known { get; } = string.Join(", ", Enum.GetValues<DeviceKind>().Where(k => k != DeviceKind.Unknown).Select(Text));

    /// <summary>
    /// The kind a label or type string means (case, spaces and hyphens ignored: "Smart Plug", "smart-plug"), or
    /// <see cref="DeviceKind.Unknown"/> for empty text and kinds Blinds has no rules for.
    /// </summary>
    public static DeviceKind Parse(string? text) => TryParse(text, out var kind) ? kind : DeviceKind.Unknown;

    /// <summary>True when <paramref name="text"/> names a kind of the closed set (or says "unknown").</summary>
    public static bool TryParse(string? text, out DeviceKind kind)
    {
        kind = DeviceKind.Unknown;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var k = text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return Spellings.TryGetValue(k, out kind);
    }

    /// <summary>The written form of <paramref name="kind"/> ("sleep_monitor"); "unknown" for <see cref="DeviceKind.Unknown"/>.</summary>
    public static string Text(this DeviceKind kind) => kind switch
    {
        DeviceKind.Plug => "plug",
        DeviceKind.Camera => "camera",
        DeviceKind.Assistant => "assistant",
        DeviceKind.SleepMonitor => "sleep_monitor",
        DeviceKind.Hub => "hub",
        DeviceKind.Lock => "lock",
        DeviceKind.Phone => "phone",
        DeviceKind.Laptop => "laptop",
        DeviceKind.MediaPlayer => "media_player",
        DeviceKind.WeatherStation => "weather_station",
        DeviceKind.AirQuality => "air_quality",
        DeviceKind.Sensor => "sensor",
        DeviceKind.Thermostat => "thermostat",
        _ => "unknown",
    };

    /// <summary>The written form, or null for <see cref="DeviceKind.Unknown"/>: what JSON reports write (null, as before kinds were typed).</summary>
    public static string? TextOrNull(this DeviceKind kind) => kind == DeviceKind.Unknown ? null : kind.Text();
}
