namespace Blinds.Reports.Export;

/// <summary>One DNS query with its answers, as Zeek's dns.log has it (docs/export.md: dns).</summary>
/// <param name="TimeNs">The query's time; the response's when no query was seen (the capture began after it, or an mDNS announcement).</param>
/// <param name="Device">The home station that asked (the receiver of a unicast response, the sender of mDNS).</param>
/// <param name="Client">The asking side's address.</param>
/// <param name="Server">The answering side's address (the mDNS group for multicast queries).</param>
/// <param name="Multicast">mDNS.</param>
/// <param name="Query">The name asked (a response without question: its first record's owner).</param>
/// <param name="QType">The type asked (1 A, 28 AAAA, 12 PTR, 65 HTTPS...).</param>
/// <param name="Responded">A response was seen.</param>
/// <param name="Rtt">Seconds from the query to its response; 0 when either was not seen.</param>
/// <param name="Answers">The response's records, comma-separated: addresses for A/AAAA, targets for CNAME/PTR/SRV, else owners; null when none.</param>
/// <param name="Ttls">Their TTLs, comma-separated in the same order; null when none.</param>
public sealed record DnsQueryRow(long TimeNs, string? Device, string Client, string Server, bool Multicast, string? Query, long QType, bool Responded, double Rtt, string? Answers, string? Ttls);
