using Blinds.Reports.Audit;
using Blinds.Testing;

using Xunit;

namespace Blinds.Cli.Tests;

/// <summary>The audit's settings parsed in the library, without the command line: values, and errors naming where they came from.</summary>
public sealed class AuditSettingsReaderTests
{
    private static Dictionary<string, AuditSettingValue> Values(params (string Key, string Text)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new AuditSettingValue(p.Text, "--" + p.Key), StringComparer.Ordinal);

    [Fact]
    public void BindsEveryKey()
    {
        var s = AuditSettingsReader.Bind(Values(("budget", "50GB"), ("cap", "2TB"), ("price", "$7.5"), ("per", "10GB"), ("uplink", "1MB/s"), ("tz", "Europe/London"), ("tolerance", "2x")), "home.json");
        Assert.Equal(50e9, s.BudgetBytes);
        Assert.Equal(2e12, s.Cost.CapBytes);
        Assert.Equal(7.5, s.Cost.PricePerBlock);
        Assert.Equal(10e9, s.Cost.BlockBytes);
        Assert.Equal(1e6, s.Cost.UploadBytesPerSecond);
        Assert.Equal("Europe/London", s.TimeZone.Id);
        Assert.Equal("paper 002 Fig. 9 × 2", s.TolerancesSource);
        Assert.Equal("home.json", s.SettingsFile);
    }

    [Fact]
    public void MoneyBudgetIsMoney()
    {
        var s = AuditSettingsReader.Bind(Values(("budget", "$20")), null);
        Assert.Equal(20, s.BudgetMoney);
        Assert.Null(s.BudgetBytes);
    }

    [Theory]
    [InlineData("budget", "lots", "--budget: 'lots' is not data such as 50GB or money such as $20")]
    [InlineData("cap", "-1TB", "--cap: '-1TB' is not a size such as 1TB")]
    [InlineData("price", "NaN", "--price: 'NaN' is not an amount such as 10")]
    [InlineData("uplink", "InfinityKB/s", "--uplink: 'InfinityKB/s' is not a rate such as 2.36MB/s")]
    [InlineData("tz", "Mars/Olympus", "--tz: 'Mars/Olympus' is not a time zone; give an IANA name such as Europe/London or America/New_York")]
    [InlineData("tolerance", "0x", "--tolerance: '0x' is not a factor between 0 and 1000 such as 2x")]
    public void BadValueNamesWhereItCameFrom(string key, string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => AuditSettingsReader.Bind(Values((key, text)), null));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void FileWithUnknownKeyIsRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("settings.json");
        File.WriteAllText(path, """{"budget": "50GB", "colour": "red"}""");
        var e = Assert.Throws<FormatException>(() => AuditSettingsReader.ReadFile(path));
        Assert.Contains("unknown key 'colour'", e.Message, StringComparison.Ordinal);
        File.WriteAllText(path, """{"budget": "50GB", "price": 12}""");
        var values = AuditSettingsReader.ReadFile(path);
        Assert.Equal("50GB", values["budget"]);
        Assert.Equal("12", values["price"]);
    }
}
