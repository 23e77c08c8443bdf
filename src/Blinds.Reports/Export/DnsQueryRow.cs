using Blinds.Protocols.Addressing;

namespace Blinds.Reports.Export;

/// <summary>One DNS or mDNS query with its response, as Zeek's dns.log has it (docs/export.md: dns).</summary>
/// <param name="TimeNs">The query's time; the response's when no query was seen.</param>
/// <param name="Device">The home station that asked (or, for a response alone, received or sent it).</param>
/// <param name="Client">The asking side's address.</param>
/// <param name="Server">The answering side's address (a multicast group for mDNS queries).</param>
/// <param name="Multicast">True for mDNS.</param>
/// <param name="TransactionId">The message id.</param>
/// <param name="Query">The first question's name (the first answer's owner for a response without questions).</param>
/// <param name="QueryType">Its record type number.</param>
/// <param name="QuerySeen">False for a response whose query was not seen (mDNS announcements, a capture that starts mid-exchange).</param>
/// <param name="Answered">True when a response was seen.</param>
/// <param name="ResponseCode">The response's code name (NOERROR, NXDOMAIN...), null without a response.</param>
/// <param name="RoundTripSeconds">Query to response, seconds; 0 unless both were seen.</param>
/// <param name="Answers">The answers' addresses or targets, comma-separated, in the response's order.</param>
/// <param name="Ttls">Their TTLs, comma-separated.</param>
public sealed record DnsQueryRow(long TimeNs, MacAddress Device, IpAddress Client, IpAddress Server, bool Multicast, ushort TransactionId, string Query, ushort QueryType, bool QuerySeen, bool Answered, string? ResponseCode, double RoundTripSeconds, string? Answers, string? Ttls);
