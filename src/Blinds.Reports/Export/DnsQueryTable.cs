using System.Globalization;
using System.Text;

using Blinds.Protocols.Addressing;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Export;

/// <summary>
/// Pairs the trace's per-record DNS rows into one row per query with its answers, as Zeek's dns.log does: a response
/// answers the pending query with the same client, server, transaction id, name and type. A query unanswered after
/// <see cref="Timeout"/> is written without answers; a response nobody asked for (an mDNS announcement) is written
/// on its own. Memory holds the pending queries only, at most <see cref="MaxPending"/> (the oldest is then written
/// unanswered), so a flood of queries cannot grow it.
/// </summary>
/// <param name="write">Receives each finished row.</param>
public sealed class DnsQueryTable(Action<DnsQueryRow> write)
{
    /// <summary>How long a query waits for its response (Zeek's dns_max_queries aside, resolvers give up within seconds).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Most queries held at once.</summary>
    public const int MaxPending = 65_536;

    private readonly Dictionary<Key, DnsRow> pending = [];
    private readonly Queue<(Key Key, long TimeNs)> order = new();
    private Response? open;

    /// <summary>Takes the next row, in capture order.</summary>
    public void OnDns(DnsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (open is not null && !open.Holds(row))
        {
            Finish();
        }

        Expire(row.TimeNs);
        if (!row.Response)
        {
            if (row.Section == "question")
            {
                var key = Key.Of(row, row.Name, row.Type);
                if (pending.TryAdd(key, row))
                {
                    order.Enqueue((key, row.TimeNs));
                    while (pending.Count > MaxPending)
                    {
                        Evict();
                    }
                }
            }

            return;
        }

        open ??= new Response(row);
        if (row.Section == "answer")
        {
            open.Add(row);
        }
    }

    /// <summary>Writes the response being read and every query still pending, unanswered.</summary>
    public void Complete()
    {
        if (open is not null)
        {
            Finish();
        }

        while (order.Count > 0)
        {
            Evict();
        }
    }

    private void Finish()
    {
        var r = open!;
        open = null;
        var key = Key.Of(r.First, r.First.Name, r.First.Type);
        var code = RcodeName(r.First.ResponseCode);
        if (pending.Remove(key, out var query))
        {
            write(new DnsQueryRow(query.TimeNs, query.Device.Value != 0 ? query.Device : r.First.Device, query.Client, query.Server, query.Multicast, query.TransactionId, query.Name, query.Type, true, true, code, (r.First.TimeNs - query.TimeNs) / 1e9, r.Answers, r.Ttls));
        }
        else
        {
            write(new DnsQueryRow(r.First.TimeNs, r.First.Device, r.First.Client, r.First.Server, r.First.Multicast, r.First.TransactionId, r.First.Name, r.First.Type, false, true, code, 0, r.Answers, r.Ttls));
        }
    }

    private void Expire(long nowNs)
    {
        while (order.Count > 0 && nowNs - order.Peek().TimeNs > (long)Timeout.TotalNanoseconds)
        {
            Evict();
        }
    }

    // The queue may name queries already answered (removed from the dictionary): those are skipped.
    private void Evict()
    {
        var (key, time) = order.Dequeue();
        if (pending.TryGetValue(key, out var q) && q.TimeNs == time)
        {
            pending.Remove(key);
            write(new DnsQueryRow(q.TimeNs, q.Device, q.Client, q.Server, q.Multicast, q.TransactionId, q.Name, q.Type, true, false, null, 0, null, null));
        }
    }

    private static string RcodeName(int code) => code switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => code.ToString(CultureInfo.InvariantCulture),
    };

    private readonly record struct Key(IpAddress Client, IpAddress Server, ushort Id, string Name, ushort Type)
    {
        // DNS names compare without case (a resolver may answer "CAM.example.com" to "cam.example.com").
        public static Key Of(DnsRow row, string name, ushort type) => new(row.Client, row.Server, row.TransactionId, name.ToLowerInvariant(), type);
    }

    // One response message: its rows arrive together (the question echoed, then each answer record).
    private sealed class Response(DnsRow first)
    {
        private StringBuilder? answers;
        private StringBuilder? ttls;

        public DnsRow First { get; } = first;

        public string? Answers => answers?.ToString();

        public string? Ttls => ttls?.ToString();

        public bool Holds(DnsRow row) => row.Response && row.TimeNs == First.TimeNs && row.TransactionId == First.TransactionId && row.Client == First.Client && row.Server == First.Server
            && (row.Section == "answer" || answers is null);

        public void Add(DnsRow row)
        {
            var value = row.Address?.ToString() ?? row.Target ?? row.Name;
            (answers ??= new()).Append(answers.Length > 0 ? "," : string.Empty).Append(value);
            (ttls ??= new()).Append(ttls.Length > 0 ? "," : string.Empty).Append(row.Ttl.ToString(CultureInfo.InvariantCulture));
        }
    }
}
