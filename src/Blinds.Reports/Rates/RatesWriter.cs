using System.Globalization;
using System.Text.Json;

using Blinds.Traffic.Series;

namespace Blinds.Reports.Rates;

/// <summary>Writes a device's rate series as CSV or JSON (one row per bin, zero bins included).</summary>
public static class RatesWriter
{
    /// <summary>CSV: time,bytes_up,bytes_down,packets_up,packets_down.</summary>
    public static void WriteCsv(RateSeries series, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("time,bytes_up,bytes_down,packets_up,packets_down");
        var d = series.ToDense();
        for (var i = 0; i < series.Count; i++)
        {
            w.Write(Formatting.Time(series.OriginNs + (i * series.BinNs)));
            w.Write(',');
            w.Write(d.BytesUp[i].ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(d.BytesDown[i].ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(d.PacketsUp[i].ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.WriteLine(d.PacketsDown[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>JSON: {"device", "bin_seconds", "origin", "bins": [{time, bytes_up, ...}]}.</summary>
    public static void WriteJson(string device, RateSeries series, Stream output)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteString("device", device);
        j.WriteNumber("bin_seconds", series.BinNs / 1e9);
        j.WriteString("origin", Formatting.Time(series.OriginNs));
        j.WriteStartArray("bins");
        var d = series.ToDense();
        for (var i = 0; i < series.Count; i++)
        {
            j.WriteStartObject();
            j.WriteString("time", Formatting.Time(series.OriginNs + (i * series.BinNs)));
            j.WriteNumber("bytes_up", d.BytesUp[i]);
            j.WriteNumber("bytes_down", d.BytesDown[i]);
            j.WriteNumber("packets_up", d.PacketsUp[i]);
            j.WriteNumber("packets_down", d.PacketsDown[i]);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }
}
