using System.Globalization;
using System.Text;

namespace Blinds.Reports.Batch;

/// <summary>
/// Names in the lake: hive-style partition folders (<c>home=NAME/day=yyyy-mm-dd</c>) as DuckDB, Spark and Hive read
/// them, a row's day being its UTC date.
/// </summary>
public static class LakePartitions
{
    /// <summary>The folder of one home: <c>home=NAME</c>, NAME escaped as Hive escapes partition values (%XX for the characters a path or a partition cannot hold).</summary>
    public static string HomeFolder(string home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var b = new StringBuilder("home=");
        foreach (var c in home)
        {
            if (c < ' ' || c == '\x7f' || "\"#%'*/:=?\\{[]^".Contains(c, StringComparison.Ordinal))
            {
                b.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    /// <summary>The folder of one day: <c>day=yyyy-mm-dd</c>, the UTC date of <paramref name="ns"/> (ns since the epoch).</summary>
    public static string DayFolder(long ns) => "day=" + Day(ns);

    /// <summary>The UTC date of <paramref name="ns"/> as yyyy-mm-dd.</summary>
    public static string Day(long ns)
    {
        // Floor, not truncate: a time before 1970 belongs to the day before.
        var ms = ns >= 0 ? ns / 1_000_000 : -((-(ns + 1) / 1_000_000) + 1);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
