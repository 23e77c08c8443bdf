using Blinds.Protocols.Addressing;
using Blinds.Testing;

using Xunit;

namespace Blinds.Attacks.Tests;

/// <summary>The IoT Sentinel setup captures in the shared data, each with its folder's label and device MAC; skips the test when they are absent.</summary>
internal static class IotSentinelCaptures
{
    /// <summary>Every capture, in folder then file order (ordinal, so runs agree).</summary>
    public static IReadOnlyList<(string Label, string File, MacAddress Mac)> Require()
    {
        var data = SharedData.Require();
        var root = Path.Combine(data, "andypitcher_IoT_Sentinel", "captures_IoT_Sentinel", "captures_IoT-Sentinel");
        Skip.IfNot(Directory.Exists(root), $"{root} is absent");
        var captures = new List<(string, string, MacAddress)>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var mac = MacAddress.Parse(File.ReadAllText(Path.Combine(folder, "_iotdevice-mac.txt")).Trim());
            captures.AddRange(Directory.GetFiles(folder, "*.pcap").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(folder), f, mac)));
        }

        return captures;
    }
}
