using System.Text;

using Blinds.Attacks.Kinds;
using Blinds.Attacks.Scoring;
using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>Devices and events files read with real CSV rules (issue 15 item 4, issue 16 item 4).</summary>
public class LabelFileTests
{
    private static readonly MacAddress Cam = MacAddress.Parse("18:b4:30:aa:bb:01");
    private static readonly MacAddress Lamp = MacAddress.Parse("50:c7:bf:00:fc:a3");

    private static string Write(TempDir dir, string text, bool bom = false)
    {
        var path = dir.File("labels.csv");
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    [Fact]
    public void Quoted_names_keep_their_commas_quotes_and_brackets()
    {
        using var dir = new TempDir();
        var path = Write(dir, "mac,name,type\n18:b4:30:aa:bb:01,\"Nest cam, hallway\",camera\n50:c7:bf:00:fc:a3,\"lamp [hall] \"\"big\"\"\",plug\n");
        var labels = DeviceLabels.Read(path);
        Assert.Equal("Nest cam, hallway", labels[Cam]);
        Assert.Equal("lamp [hall] \"big\"", labels[Lamp]);
        Assert.Equal(DeviceKind.Camera, DeviceLabels.ReadTypes(path)[Cam]);
    }

    [Fact]
    public void Headers_may_order_the_columns_any_way_with_a_bom_and_crlf()
    {
        using var dir = new TempDir();
        var path = Write(dir, "type,Name,extra,MAC\r\n# a comment\r\n\r\ncamera,cam,x,18:b4:30:aa:bb:01\r\n,lamp,,50:c7:bf:00:fc:a3\r\n", bom: true);
        var labels = DeviceLabels.Read(path);
        Assert.Equal(["cam", "lamp"], new[] { labels[Cam], labels[Lamp] });
        var types = DeviceLabels.ReadTypes(path);
        Assert.Equal(DeviceKind.Camera, types[Cam]);
        Assert.False(types.ContainsKey(Lamp));
    }

    [Fact]
    public void Without_a_header_the_columns_are_positional()
    {
        using var dir = new TempDir();
        var path = Write(dir, "18:b4:30:aa:bb:01,cam\n50:c7:bf:00:fc:a3,mac\n");
        Assert.Equal("mac", DeviceLabels.Read(path)[Lamp]);
    }

    [Theory]
    [InlineData("mac,name\n18:b4:30:aa:bb:01,cam\nnot-a-mac,lamp\n", ":3:1: mac must be a MAC address such as 50:c7:bf:00:fc:a3, got 'not-a-mac' (rows are mac,name[,type])")]
    [InlineData("name,mac\ncam,18:b4:30:aa:bb:01\n,50:c7:bf:00:fc:a3\n", ":3:1: name is missing (rows are mac,name[,type])")]
    [InlineData("name,mac\ncam,18:b4:30:aa:bb:01\nlamp,18:b4:30:aa:bb:01\n", ":3:2: mac 18:b4:30:aa:bb:01 is labelled twice")]
    [InlineData("mac,name,mac\n", ":1: column 'mac' is named twice in the header")]
    public void Errors_name_file_line_and_column(string text, string message)
    {
        using var dir = new TempDir();
        var path = Write(dir, text);
        Assert.Equal(path + message, Assert.Throws<FormatException>(() => DeviceLabels.Read(path)).Message);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error_with_its_line()
    {
        using var dir = new TempDir();
        var path = Write(dir, "mac,name\n18:b4:30:aa:bb:01,\"cam\n");
        Assert.StartsWith(path + ":2: not CSV", Assert.Throws<FormatException>(() => DeviceLabels.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_read_quoted_devices_and_any_column_order()
    {
        using var dir = new TempDir();
        var path = Write(dir, "activity,time,device\r\ntoggle,2026-01-05T08:00:01Z,\"lamp, [hall]\"\r\nmotion,2026-01-05T08:00:00Z,cam\r\n");
        var events = EventLabels.Read(path);
        Assert.Equal(["cam", "lamp, [hall]"], events.Select(e => e.Device));
        Assert.Equal("toggle", events[1].Activity);
        var bad = Write(dir, "time,device,activity\n2026-01-05T08:00:00Z,cam,motion\nyesterday,cam,motion\n");
        Assert.Equal(bad + ":3:1: time must be an ISO-8601 time such as 2026-01-05T08:00:00Z, got 'yesterday' (rows are time,device,activity)", Assert.Throws<FormatException>(() => EventLabels.Read(bad)).Message);
    }
}
