using System.Globalization;
using System.Text.Json;

using Blinds.Defences.Costs;
using Blinds.Defences.Specs;

namespace Blinds.Reports.Audit;

/// <summary>
/// Turns the audit's budget and household settings, as text from options or a JSON settings file, into
/// <see cref="AuditSettings"/>. A value that cannot be used is a <see cref="FormatException"/> naming where it came
/// from; a tolerance table that cannot be read is an <see cref="InvalidDataException"/> or <see cref="IOException"/>.
/// </summary>
public static class AuditSettingsReader
{
    /// <summary>The keys a settings file may hold, each the name of an option without its dashes.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["budget", "cap", "price", "per", "uplink", "tz", "tolerance"];

    /// <summary>Reads a settings file: a JSON object of <see cref="Keys"/> with string or number values.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Each key's text.</returns>
    public static IReadOnlyDictionary<string, string> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"--settings: {path}: expected a JSON object of {string.Join(", ", Keys)}");
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!Keys.Contains(p.Name, StringComparer.Ordinal))
                {
                    throw new FormatException($"--settings: {path}: unknown key '{p.Name}' (known: {string.Join(", ", Keys)})");
                }

                result[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Number => p.Value.GetRawText(),
                    JsonValueKind.String => p.Value.GetString()!,
                    _ => throw new FormatException($"--settings: {path}: '{p.Name}' must be a string or a number"),
                };
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new FormatException($"--settings: {path}: not JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--settings: {path}: {e.Message}", e);
        }
    }

    /// <summary>The settings the values describe; keys not given keep their defaults.</summary>
    /// <param name="values">By key (<see cref="Keys"/>).</param>
    /// <param name="settingsFile">The settings file the values partly came from, echoed in the report.</param>
    /// <returns>The settings.</returns>
    public static AuditSettings Bind(IReadOnlyDictionary<string, AuditSettingValue> values, string? settingsFile)
    {
        ArgumentNullException.ThrowIfNull(values);
        var cost = new CostOptions();
        if (values.GetValueOrDefault("cap") is { } cap)
        {
            cost = cost with { CapBytes = Units.TryParseSize(cap.Text, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(cap, "a size such as 1TB") };
        }

        if (values.GetValueOrDefault("price") is { } price)
        {
            cost = cost with { PricePerBlock = double.TryParse(price.Text.TrimStart('$'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && double.IsFinite(p) ? p : throw Bad(price, "an amount such as 10") };
        }

        if (values.GetValueOrDefault("per") is { } per)
        {
            cost = cost with { BlockBytes = Units.TryParseSize(per.Text, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(per, "a size such as 50GB") };
        }

        if (values.GetValueOrDefault("uplink") is { } uplink)
        {
            cost = cost with { UploadBytesPerSecond = Units.TryParseRate(uplink.Text, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(uplink, "a rate such as 2.36MB/s") };
        }

        var settings = new AuditSettings { Cost = cost, SettingsFile = settingsFile };
        if (values.GetValueOrDefault("budget") is { } budget)
        {
            const string Expected = "data such as 50GB or money such as $20";
            var t = budget.Text.Trim();
            settings = t.StartsWith('$') || t.EndsWith('$')
                ? settings with { BudgetMoney = double.TryParse(t.Trim('$'), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0 && double.IsFinite(m) ? m : throw Bad(budget, Expected) }
                : settings with { BudgetBytes = Units.TryParseSize(t, out var b) && b >= 0 && double.IsFinite(b) ? b : throw Bad(budget, Expected) };
        }

        if (values.GetValueOrDefault("tz") is { } zone)
        {
            settings = settings with { TimeZone = FindZone(zone.Text) ?? throw new FormatException($"{zone.Where}: '{zone.Text}' is not a time zone; give an IANA name such as Europe/London or America/New_York") };
        }

        return values.GetValueOrDefault("tolerance") is { } tolerance ? Tolerances(settings, tolerance) : settings;
    }

    private static AuditSettings Tolerances(AuditSettings settings, AuditSettingValue value)
    {
        var t = value.Text.Trim();
        if (t.EndsWith('x') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor))
        {
            return factor > 0 && double.IsFinite(factor) && factor <= 1000
                ? settings with { Tolerances = LatencyTolerance.Papers().Scaled(factor), TolerancesSource = $"paper 002 Fig. 9 × {factor.ToString(CultureInfo.InvariantCulture)}" }
                : throw Bad(value, "a factor between 0 and 1000 such as 2x");
        }

        if (!File.Exists(t))
        {
            throw Bad(value, "a factor such as 2x or an existing JSON table (docs/defences.md)");
        }

        try
        {
            return settings with { Tolerances = LatencyTolerance.Load(t), TolerancesSource = t };
        }
        catch (FormatException e)
        {
            // The file exists but is not a table: the input is wrong, not the option.
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static TimeZoneInfo? FindZone(string id) =>
        id.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc
            : TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private static FormatException Bad(AuditSettingValue value, string expected) => new($"{value.Where}: '{value.Text}' is not {expected}");
}
