using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Blinds.Defences.Costs;
using Blinds.Defences.Specs;
using Blinds.Reports.Audit;

namespace Blinds.Cli.Commands;

/// <summary>
/// The audit's budget and household options, and a JSON settings file holding the same keys (an option given on the
/// command line wins over the file). Every bad value is a one-line usage error naming its option.
/// </summary>
internal sealed class AuditOptions
{
    private AuditOptions()
    {
    }

    public Option<string?> Budget { get; } = new("--budget") { Description = "Most a defence may add a month: data (50GB) or money ($20: the data-cap blocks it buys); default a tenth of the cap" };

    public Option<string?> Cap { get; } = new("--cap") { Description = "Monthly data cap (default 1TB)" };

    public Option<string?> Price { get; } = new("--price") { Description = "Price of each block over the cap (default 10)" };

    public Option<string?> Per { get; } = new("--per") { Description = "Block size over the cap (default 50GB)" };

    public Option<string?> Uplink { get; } = new("--uplink") { Description = "Upload capacity (default 2.36MB/s)" };

    public Option<string?> Zone { get; } = new("--tz") { Description = "The home's time zone, IANA (Europe/London); default UTC" };

    public Option<string?> Tolerance { get; } = new("--tolerance") { Description = "Delay the devices work with: a factor of paper 002 Fig. 9's (2x) or a JSON table" };

    public Option<string?> Settings { get; } = new("--settings") { Description = "JSON file with any of budget, cap, price, per, uplink, tz, tolerance" };

    public static AuditOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Budget, Cap, Price, Per, Uplink, Zone, Tolerance, Settings })
        {
            command.Options.Add(o);
        }
    }

    public AuditSettings Bind(ParseResult r)
    {
        var file = r.GetValue(Settings);
        var fromFile = file is null ? new Dictionary<string, string>() : ReadFile(file);
        string? Get(Option<string?> o, string key) => r.GetValue(o) ?? fromFile.GetValueOrDefault(key);
        string Where(Option<string?> o, string key) => r.GetValue(o) is null && fromFile.ContainsKey(key) ? $"{file}: {key}" : o.Name;

        var cost = new CostOptions();
        if (Get(Cap, "cap") is { } cap)
        {
            cost = cost with { CapBytes = Units.TryParseSize(cap, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(Where(Cap, "cap"), cap, "a size such as 1TB") };
        }

        if (Get(Price, "price") is { } price)
        {
            cost = cost with { PricePerBlock = double.TryParse(price.TrimStart('$'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && double.IsFinite(p) ? p : throw Bad(Where(Price, "price"), price, "an amount such as 10") };
        }

        if (Get(Per, "per") is { } per)
        {
            cost = cost with { BlockBytes = Units.TryParseSize(per, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(Where(Per, "per"), per, "a size such as 50GB") };
        }

        if (Get(Uplink, "uplink") is { } uplink)
        {
            cost = cost with { UploadBytesPerSecond = Units.TryParseRate(uplink, out var b) && b > 0 && double.IsFinite(b) ? b : throw Bad(Where(Uplink, "uplink"), uplink, "a rate such as 2.36MB/s") };
        }

        var settings = new AuditSettings { Cost = cost, SettingsFile = file };
        if (Get(Budget, "budget") is { } budget)
        {
            var t = budget.Trim();
            if (t.StartsWith('$') || t.EndsWith('$'))
            {
                settings = settings with { BudgetMoney = double.TryParse(t.Trim('$'), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m >= 0 && double.IsFinite(m) ? m : throw Bad(Where(Budget, "budget"), budget, "data such as 50GB or money such as $20") };
            }
            else
            {
                settings = settings with { BudgetBytes = Units.TryParseSize(t, out var b) && b >= 0 && double.IsFinite(b) ? b : throw Bad(Where(Budget, "budget"), budget, "data such as 50GB or money such as $20") };
            }
        }

        if (Get(Zone, "tz") is { } zone)
        {
            settings = settings with { TimeZone = FindZone(zone) ?? throw new CliException(ExitCodes.Usage, $"{Where(Zone, "tz")}: '{zone}' is not a time zone; give an IANA name such as Europe/London or America/New_York") };
        }

        if (Get(Tolerance, "tolerance") is { } tolerance)
        {
            settings = Tolerances(settings, tolerance, Where(Tolerance, "tolerance"));
        }

        return settings;
    }

    private static AuditSettings Tolerances(AuditSettings settings, string value, string where)
    {
        var t = value.Trim();
        if (t.EndsWith('x') && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor))
        {
            return factor > 0 && double.IsFinite(factor) && factor <= 1000
                ? settings with { Tolerances = LatencyTolerance.Papers().Scaled(factor), TolerancesSource = $"paper 002 Fig. 9 × {factor.ToString(CultureInfo.InvariantCulture)}" }
                : throw Bad(where, value, "a factor between 0 and 1000 such as 2x");
        }

        if (!File.Exists(t))
        {
            throw Bad(where, value, "a factor such as 2x or an existing JSON table (docs/defences.md)");
        }

        return settings with { Tolerances = CliException.GuardInput(() => LatencyTolerance.Load(t)), TolerancesSource = t };
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        if (id.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static Dictionary<string, string> ReadFile(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.Usage, $"--settings: {path}: expected a JSON object of budget, cap, price, per, uplink, tz, tolerance");
            }

            var known = new HashSet<string>(["budget", "cap", "price", "per", "uplink", "tz", "tolerance"], StringComparer.Ordinal);
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!known.Contains(p.Name))
                {
                    throw new CliException(ExitCodes.Usage, $"--settings: {path}: unknown key '{p.Name}' (known: {string.Join(", ", known)})");
                }

                result[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetRawText() : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw new CliException(ExitCodes.Usage, $"--settings: {path}: '{p.Name}' must be a string or a number");
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Usage, $"--settings: {path}: not JSON ({e.Message})");
        }
        catch (IOException e)
        {
            throw new CliException(ExitCodes.InputError, $"--settings: {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(ExitCodes.InputError, $"--settings: {path}: {e.Message}");
        }
    }

    private static CliException Bad(string option, string value, string expected) => new(ExitCodes.Usage, $"{option}: '{value}' is not {expected}");
}
