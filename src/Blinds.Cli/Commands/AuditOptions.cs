using System.CommandLine;

using Blinds.Reports.Audit;

namespace Blinds.Cli.Commands;

/// <summary>
/// The audit's budget and household options, and a JSON settings file holding the same keys (an option given on the
/// command line wins over the file). <see cref="AuditSettingsReader"/> parses them; every bad value is a one-line
/// usage error naming its option or the file's key.
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

    private IEnumerable<(string Key, Option<string?> Option)> Keyed =>
        [("budget", Budget), ("cap", Cap), ("price", Price), ("per", Per), ("uplink", Uplink), ("tz", Zone), ("tolerance", Tolerance)];

    public static AuditOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var (_, o) in Keyed)
        {
            command.Options.Add(o);
        }

        command.Options.Add(Settings);
    }

    public AuditSettings Bind(ParseResult r)
    {
        try
        {
            var file = r.GetValue(Settings);
            var fromFile = file is null ? new Dictionary<string, string>() : AuditSettingsReader.ReadFile(file);
            var values = new Dictionary<string, AuditSettingValue>(StringComparer.Ordinal);
            foreach (var (key, option) in Keyed)
            {
                if (r.GetValue(option) is { } given)
                {
                    values[key] = new(given, option.Name);
                }
                else if (fromFile.TryGetValue(key, out var inFile))
                {
                    values[key] = new(inFile, $"{file}: {key}");
                }
            }

            return AuditSettingsReader.Bind(values, file);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(ExitCodes.InputError, e.Message);
        }
    }
}
