using System.Globalization;
using System.Text.Json;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Reads Zeek's conn.log, dns.log and ssl.log, in TSV (the #separator/#fields header Zeek writes) or as JSON lines
/// (LogAscii::use_json). Which log it is comes from #path, else from the fields present. conn rows become two
/// flows, one per direction, with Zeek's IP-layer byte counts; dns answers and ssl server names name addresses.
/// </summary>
public sealed class ZeekLogReader
{
    private readonly AnomalyLog log;
    private readonly IFlowSink sink;

    /// <summary>Creates a reader that hands flows and names to <paramref name="sink"/>.</summary>
    public ZeekLogReader(IFlowSink sink, AnomalyLog log)
    {
        this.sink = sink ?? throw new ArgumentNullException(nameof(sink));
        this.log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>Rows read (all logs).</summary>
    public long Rows { get; private set; }

    /// <summary>True when <paramref name="head"/> (the first bytes of a file, decompressed) looks like a Zeek log.</summary>
    public static bool LooksLikeZeek(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("#separator"u8))
        {
            return true;
        }

        if (head.Length == 0 || head[0] != (byte)'{')
        {
            return false;
        }

        var line = head.IndexOf((byte)'\n') is var nl and >= 0 ? head[..nl] : head;
        return line.IndexOf("\"id.orig_h\""u8) >= 0 && line.IndexOf("\"ts\""u8) >= 0;
    }

    /// <summary>Reads one log; <paramref name="source"/> names it in anomalies.</summary>
    public void Read(TextReader text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        log.CurrentSource = source;
        string[]? fields = null;
        var separator = '\t';
        var unset = "-";
        var empty = "(empty)";
        var path = string.Empty;
        var closed = false;
        var json = false;
        long lineNo = 0;
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var (key, value) = Header(line, separator);
                switch (key)
                {
                    case "#separator":
                        if (!TryUnescape(value, out separator))
                        {
                            log.Add(FlowAnomalies.ZeekBadLine, lineNo); // kept as a tab, Zeek's own
                        }

                        break;
                    case "#unset_field": unset = value; break;
                    case "#empty_field": empty = value; break;
                    case "#path": path = value; break;
                    case "#fields": fields = value.Split(separator); break;
                    case "#close": closed = true; break;
                }

                continue;
            }

            if (line[0] == '{')
            {
                json = true;
                ReadJson(line, lineNo);
                continue;
            }

            if (fields is null)
            {
                log.Add(FlowAnomalies.ZeekBadLine, lineNo);
                continue;
            }

            ReadTsv(line, fields, separator, unset, empty, path, lineNo);
        }

        if (!json && fields is not null && !closed)
        {
            log.Add(FlowAnomalies.ZeekTruncated, lineNo);
        }
    }

    private static (string Key, string Value) Header(string line, char separator)
    {
        // "#separator \x09" uses a space; every other header uses the separator itself.
        var cut = line.StartsWith("#separator", StringComparison.Ordinal) ? line.IndexOf(' ', StringComparison.Ordinal) : line.IndexOf(separator, StringComparison.Ordinal);
        return cut < 0 ? (line, string.Empty) : (line[..cut], line[(cut + 1)..]);
    }

    // "\x09" (Zeek's form) or the character itself; a "\x" without two hex digits is a bad header (found by fuzzing:
    // it threw FormatException), read as Zeek's tab.
    private static bool TryUnescape(string value, out char separator)
    {
        separator = '\t';
        if (value.StartsWith("\\x", StringComparison.Ordinal))
        {
            if (value.Length >= 4 && byte.TryParse(value.AsSpan(2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                separator = (char)code;
                return true;
            }

            return false;
        }

        if (value.Length > 0)
        {
            separator = value[0];
        }

        return true;
    }

    private void ReadTsv(string line, string[] fields, char separator, string unset, string empty, string path, long lineNo)
    {
        Span<Range> cells = stackalloc Range[Math.Min(fields.Length + 1, 256)];
        var span = line.AsSpan();
        var n = span.Split(cells, separator);
        if (n != fields.Length)
        {
            log.Add(FlowAnomalies.ZeekBadLine, lineNo);
            return;
        }

        var row = new ZeekRow();
        for (var i = 0; i < n; i++)
        {
            var v = span[cells[i]];
            if (v.SequenceEqual(unset) || v.SequenceEqual(empty))
            {
                continue;
            }

            row.Set(fields[i], v.ToString());
        }

        row.Path = path;
        Emit(row, lineNo);
    }

    private void ReadJson(string line, long lineNo)
    {
        var row = new ZeekRow();
        try
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.String: row.Set(p.Name, p.Value.GetString() ?? string.Empty); break;
                    case JsonValueKind.Number: row.Set(p.Name, p.Value.GetRawText()); break;
                    case JsonValueKind.True or JsonValueKind.False: row.Set(p.Name, p.Value.GetRawText()); break;
                    case JsonValueKind.Array:
                        row.Set(p.Name, string.Join(',', p.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            log.Add(FlowAnomalies.ZeekBadLine, lineNo);
            return;
        }

        Emit(row, lineNo);
    }

    private void Emit(ZeekRow row, long lineNo)
    {
        var kind = row.Path switch
        {
            "conn" => ZeekLogKind.Conn,
            "dns" => ZeekLogKind.Dns,
            "ssl" => ZeekLogKind.Ssl,
            _ => row.Query is not null ? ZeekLogKind.Dns : row.ServerName is not null || row.Version is not null ? ZeekLogKind.Ssl : row.ConnState is not null || row.OrigIpBytes is not null ? ZeekLogKind.Conn : ZeekLogKind.Other,
        };
        if (kind == ZeekLogKind.Other)
        {
            return; // another Zeek log (http, files...): nothing an ISP's flow view needs
        }

        if (!IpAddress.TryParse(row.OrigH, out var orig) || !IpAddress.TryParse(row.RespH, out var resp) || !TryTime(row.Ts, out var ts))
        {
            log.Add(FlowAnomalies.ZeekBadLine, lineNo);
            return;
        }

        Rows++;
        switch (kind)
        {
            case ZeekLogKind.Conn:
                EmitConn(row, orig, resp, ts, lineNo);
                break;
            case ZeekLogKind.Dns when row.Query is { Length: > 0 } query && row.Answers is { } answers:
                foreach (var a in answers.Split(','))
                {
                    if (IpAddress.TryParse(a, out var address))
                    {
                        sink.AddName(address, query.TrimEnd('.'), fromTls: false);
                    }
                }

                break;
            case ZeekLogKind.Ssl when row.ServerName is { Length: > 0 } sni:
                sink.AddName(resp, sni, fromTls: true);
                break;
        }
    }

    private void EmitConn(ZeekRow row, IpAddress orig, IpAddress resp, long ts, long lineNo)
    {
        if (!TryLong(row.OrigPkts, out var origPkts) || !TryLong(row.RespPkts, out var respPkts)
            || !TryLong(row.OrigIpBytes ?? row.OrigBytes, out var origBytes) || !TryLong(row.RespIpBytes ?? row.RespBytes, out var respBytes)
            || !TryDuration(row.Duration, out var durationNs) || !ushort.TryParse(row.OrigP ?? "0", CultureInfo.InvariantCulture, out var op)
            || !ushort.TryParse(row.RespP ?? "0", CultureInfo.InvariantCulture, out var rp))
        {
            log.Add(FlowAnomalies.ZeekBadLine, lineNo);
            return;
        }

        byte proto = row.Proto switch { "tcp" => 6, "udp" => 17, "icmp" => (byte)(orig.IsV4 ? 1 : 58), _ => 0 };
        var end = ts + durationNs;
        if (origPkts > 0)
        {
            sink.Add(new FlowObservation { Source = FlowSource.Zeek, StartNs = ts, EndNs = end, SourceIp = orig, DestinationIp = resp, SourcePort = op, DestinationPort = rp, Protocol = proto, Bytes = origBytes, Packets = origPkts });
        }

        if (respPkts > 0)
        {
            sink.Add(new FlowObservation { Source = FlowSource.Zeek, StartNs = ts, EndNs = end, SourceIp = resp, DestinationIp = orig, SourcePort = rp, DestinationPort = op, Protocol = proto, Bytes = respBytes, Packets = respPkts });
        }
    }

    private static bool TryLong(string? text, out long value)
    {
        value = 0;
        return text is null || long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDuration(string? text, out long ns)
    {
        ns = 0;
        if (text is null)
        {
            return true; // one-packet connections have no duration
        }

        // A duration past the 64-bit nanosecond range (or "Infinity") is not one: the line is bad, not a huge flow.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || double.IsNaN(seconds) || seconds > MaxSeconds)
        {
            return false;
        }

        ns = (long)Math.Round(seconds * 1e9);
        return true;
    }

    // Times and durations Blinds can hold as nanoseconds since the epoch (±292 years; fuzzing found 10^17-second
    // stamps throwing OverflowException): beyond this a value is a bad line.
    private const long MaxSeconds = 9_000_000_000;

    // Zeek writes epoch seconds with microseconds ("1300475167.096535"); JSON logs may use ISO 8601 instead.
    private static bool TryTime(string? text, out long ns)
    {
        ns = 0;
        if (text is null)
        {
            return false;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds is > MaxSeconds or < -MaxSeconds)
            {
                return false;
            }

            ns = (long)(seconds * 1_000_000_000m);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            var ticks = t.UtcTicks - DateTime.UnixEpoch.Ticks;
            if (ticks is > MaxSeconds * TimeSpan.TicksPerSecond or < -MaxSeconds * TimeSpan.TicksPerSecond)
            {
                return false;
            }

            ns = ticks * 100;
            return true;
        }

        return false;
    }

    private enum ZeekLogKind
    {
        Conn,
        Dns,
        Ssl,
        Other,
    }

    // The fields Blinds reads, by Zeek's names; everything else in a row is ignored.
    private sealed class ZeekRow
    {
        public string Path { get; set; } = string.Empty;

        public string? Ts { get; private set; }

        public string? OrigH { get; private set; }

        public string? OrigP { get; private set; }

        public string? RespH { get; private set; }

        public string? RespP { get; private set; }

        public string? Proto { get; private set; }

        public string? Duration { get; private set; }

        public string? OrigBytes { get; private set; }

        public string? RespBytes { get; private set; }

        public string? OrigIpBytes { get; private set; }

        public string? RespIpBytes { get; private set; }

        public string? OrigPkts { get; private set; }

        public string? RespPkts { get; private set; }

        public string? ConnState { get; private set; }

        public string? Query { get; private set; }

        public string? Answers { get; private set; }

        public string? ServerName { get; private set; }

        public string? Version { get; private set; }

        public void Set(string name, string value)
        {
            switch (name)
            {
                case "ts": Ts = value; break;
                case "id.orig_h": OrigH = value; break;
                case "id.orig_p": OrigP = value; break;
                case "id.resp_h": RespH = value; break;
                case "id.resp_p": RespP = value; break;
                case "proto": Proto = value; break;
                case "duration": Duration = value; break;
                case "orig_bytes": OrigBytes = value; break;
                case "resp_bytes": RespBytes = value; break;
                case "orig_ip_bytes": OrigIpBytes = value; break;
                case "resp_ip_bytes": RespIpBytes = value; break;
                case "orig_pkts": OrigPkts = value; break;
                case "resp_pkts": RespPkts = value; break;
                case "conn_state": ConnState = value; break;
                case "query": Query = value; break;
                case "answers": Answers = value; break;
                case "server_name": ServerName = value; break;
                case "version": Version = value; break;
                case "_path": Path = value; break;
            }
        }
    }
}
