using System.Globalization;

using Blinds.Protocols.Addressing;
using Blinds.Traffic.Records;

namespace Blinds.Reports.Export;

/// <summary>
/// Turns the trace's DNS rows (one per question and per answer record, in packet order) into one row per query with
/// its answers. A unicast query waits for the response from its server with the same name and type; a response
/// gives the query's row (its round trip) or, when no query was seen, a row of its own; mDNS messages are a row
/// each (their answers come from anyone, to the group). Queries still unanswered when
/// <see cref="MaxPending"/> wait, and at the end, are rows without answers. Memory: at most <see cref="MaxPending"/> queries.
/// </summary>
public sealed class DnsQueries
{
    /// <summary>Most unicast queries waiting for their response; past it the oldest is written unanswered.</summary>
    public const int MaxPending = 65_536;

    private readonly Action<DnsQueryRow> emit;
    private readonly Dictionary<(IpAddress Client, IpAddress Server, string Name, ushort Type), LinkedListNode<DnsRow>> pending = [];
    private readonly LinkedList<DnsRow> order = new();
    private readonly List<DnsRow> message = [];

    /// <summary>Writes each finished query with <paramref name="emit"/>.</summary>
    public DnsQueries(Action<DnsQueryRow> emit) => this.emit = emit ?? throw new ArgumentNullException(nameof(emit));

    /// <summary>Takes the next row; rows of one packet (same time, ends and direction) are one message.</summary>
    public void Add(DnsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (message.Count > 0)
        {
            var m = message[0];
            var same = m.TimeNs == row.TimeNs && m.Client == row.Client && m.Server == row.Server && m.Response == row.Response && m.Multicast == row.Multicast
                && !(row.Section == "question" && message[^1].Section == "answer");
            if (!same)
            {
                Finish();
            }
        }

        message.Add(row);
    }

    /// <summary>Finishes the last message and writes every query still waiting, unanswered.</summary>
    public void Flush()
    {
        Finish();
        foreach (var q in order)
        {
            emit(Row(q, null, []));
        }

        order.Clear();
        pending.Clear();
    }

    private void Finish()
    {
        if (message.Count == 0)
        {
            return;
        }

        var first = message[0];
        var questions = message.Where(r => r.Section == "question").ToArray();
        if (!first.Response)
        {
            foreach (var q in questions)
            {
                if (q.Multicast)
                {
                    emit(Row(q, null, []));
                    continue;
                }

                var key = (q.Client, q.Server, q.Name.ToLowerInvariant(), q.Type);
                if (pending.Remove(key, out var old))
                {
                    // Asked again before an answer: the first try goes unanswered.
                    order.Remove(old);
                    emit(Row(old.Value, null, []));
                }

                if (order.Count >= MaxPending)
                {
                    var oldest = order.First!;
                    order.RemoveFirst();
                    pending.Remove((oldest.Value.Client, oldest.Value.Server, oldest.Value.Name.ToLowerInvariant(), oldest.Value.Type));
                    emit(Row(oldest.Value, null, []));
                }

                pending[key] = order.AddLast(q);
            }
        }
        else
        {
            var answers = message.Where(r => r.Section == "answer").ToArray();
            var question = questions.FirstOrDefault();
            if (question is not null && !question.Multicast && pending.Remove((question.Client, question.Server, question.Name.ToLowerInvariant(), question.Type), out var asked))
            {
                order.Remove(asked);
                emit(Row(asked.Value, first, answers));
            }
            else
            {
                emit(Row(question ?? answers[0], first, answers));
            }
        }

        message.Clear();
    }

    private static DnsQueryRow Row(DnsRow query, DnsRow? response, DnsRow[] answers)
    {
        var asked = !query.Response;
        var device = (response ?? query).Device;
        return new DnsQueryRow(
            query.TimeNs,
            device.Value == 0 ? null : device.ToString(),
            query.Client.ToString(),
            query.Server.ToString(),
            query.Multicast,
            query.Name,
            query.Type,
            response is not null,
            asked && response is not null ? Math.Max(0, response.TimeNs - query.TimeNs) / 1e9 : 0,
            answers.Length == 0 ? null : string.Join(',', answers.Select(a => a.Address?.ToString() ?? a.Target ?? a.Name)),
            answers.Length == 0 ? null : string.Join(',', answers.Select(a => a.Ttl.ToString(CultureInfo.InvariantCulture))));
    }
}
