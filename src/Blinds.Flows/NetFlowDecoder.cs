using System.Buffers.Binary;
using System.Runtime.CompilerServices;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;

namespace Blinds.Flows;

/// <summary>
/// Decodes NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) export packets, one UDP payload at a time. Keeps
/// templates per (exporter, observation domain / source id, template id) and sequence numbers per (exporter, domain);
/// data before its template, sequence gaps and cut records are counted, never thrown. Records go to an
/// <see cref="IFlowSink"/> as values: nothing is allocated per record.
/// </summary>
public sealed class NetFlowDecoder
{
    private const long NtpToUnixSeconds = 2_208_988_800L;

    private readonly Dictionary<TemplateKey, FlowTemplate> templates = [];
    private readonly Dictionary<DomainKey, DomainState> domains = [];
    private readonly AnomalyLog log;

    /// <summary>Creates a decoder counting problems in <paramref name="log"/>.</summary>
    public NetFlowDecoder(AnomalyLog log) => this.log = log ?? throw new ArgumentNullException(nameof(log));

    /// <summary>Export packets decoded, by version.</summary>
    public long V5Packets { get; private set; }

    /// <summary>NetFlow v9 export packets decoded.</summary>
    public long V9Packets { get; private set; }

    /// <summary>IPFIX messages decoded.</summary>
    public long IpfixPackets { get; private set; }

    /// <summary>Flow records handed to the sink.</summary>
    public long Records { get; private set; }

    /// <summary>Templates currently known.</summary>
    public int TemplateCount => templates.Count;

    /// <summary>True when the payload starts like a NetFlow v5, v9 or IPFIX header (what sniffing wants).</summary>
    public static bool LooksLikeExport(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 16)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(payload);
        return version switch
        {
            5 => payload.Length >= 24 && BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) is > 0 and <= 30,
            9 => payload.Length >= 20,
            10 => BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) == payload.Length,
            _ => false,
        };
    }

    /// <summary>Decodes one export packet from <paramref name="exporter"/>; <paramref name="offset"/> locates anomalies.</summary>
    public void Decode(ReadOnlySpan<byte> payload, IpAddress exporter, IFlowSink sink, long offset = -1)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (payload.Length < 2)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            return;
        }

        switch (BinaryPrimitives.ReadUInt16BigEndian(payload))
        {
            case 5: DecodeV5(payload, exporter, sink, offset); break;
            case 9: DecodeV9(payload, exporter, sink, offset); break;
            case 10: DecodeIpfix(payload, exporter, sink, offset); break;
            default: log.Add(FlowAnomalies.UnknownVersion, offset); break;
        }
    }

    private void DecodeV5(ReadOnlySpan<byte> p, IpAddress exporter, IFlowSink sink, long offset)
    {
        const int header = 24, record = 48;
        if (p.Length < header)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            return;
        }

        V5Packets++;
        int count = BinaryPrimitives.ReadUInt16BigEndian(p[2..]);
        var uptime = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        long secs = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        long nsecs = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(p[16..]);
        var engine = (uint)BinaryPrimitives.ReadUInt16BigEndian(p[20..]);
        var available = (p.Length - header) / record;
        if (available < count)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            count = available;
        }

        // v5 counts flows: the next packet's sequence is this one's plus its records.
        CheckSequence(new DomainKey(exporter, engine, 5), sequence, (uint)count, offset);
        var bootMs = (secs * 1000) + (nsecs / 1_000_000) - uptime;
        for (var i = 0; i < count; i++)
        {
            var r = p.Slice(header + (i * record), record);
            var first = BinaryPrimitives.ReadUInt32BigEndian(r[24..]);
            var last = BinaryPrimitives.ReadUInt32BigEndian(r[28..]);
            var flow = new FlowObservation
            {
                Source = FlowSource.NetFlow5,
                SourceIp = IpAddress.ReadV4(r),
                DestinationIp = IpAddress.ReadV4(r[4..]),
                Packets = BinaryPrimitives.ReadUInt32BigEndian(r[16..]),
                Bytes = BinaryPrimitives.ReadUInt32BigEndian(r[20..]),
                StartNs = (bootMs + first) * 1_000_000,
                EndNs = (bootMs + last) * 1_000_000,
                SourcePort = BinaryPrimitives.ReadUInt16BigEndian(r[32..]),
                DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(r[34..]),
                Protocol = r[38],
            };
            Records++;
            sink.Add(flow);
        }
    }

    private void DecodeV9(ReadOnlySpan<byte> p, IpAddress exporter, IFlowSink sink, long offset)
    {
        const int header = 20;
        if (p.Length < header)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            return;
        }

        V9Packets++;
        var uptime = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        long secs = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        var sourceId = BinaryPrimitives.ReadUInt32BigEndian(p[16..]);
        var domain = new DomainKey(exporter, sourceId, 9);

        // v9 counts export packets: the next one's sequence is this one's plus one.
        CheckSequence(domain, sequence, 1, offset);
        var times = new TimeBase(((secs * 1000) - uptime) * 1_000_000, secs);
        DecodeSets(p[header..], domain, times, isIpfix: false, sink, offset);
    }

    private void DecodeIpfix(ReadOnlySpan<byte> p, IpAddress exporter, IFlowSink sink, long offset)
    {
        const int header = 16;
        if (p.Length < header)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            return;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(p[2..]);
        if (length < header)
        {
            log.Add(FlowAnomalies.BadSet, offset);
            return;
        }

        if (length > p.Length)
        {
            log.Add(FlowAnomalies.TruncatedRecord, offset);
            length = p.Length;
        }

        IpfixPackets++;
        long exportSecs = BinaryPrimitives.ReadUInt32BigEndian(p[4..]);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(p[8..]);
        var domainId = BinaryPrimitives.ReadUInt32BigEndian(p[12..]);
        var domain = new DomainKey(exporter, domainId, 10);
        var state = State(domain);

        // IPFIX counts data records sent before this message (RFC 7011 3.1). Some exporters (softflowd) count this
        // message's records too; either reading is in order, only a jump past both is a gap.
        var before = state.DataRecords;
        var wasUnknown = state.Unknown;
        state.Unknown = false;
        DecodeSets(p[header..length], domain, new TimeBase(long.MinValue, exportSecs), isIpfix: true, sink, offset);
        var records = (uint)(state.DataRecords - before);
        if (state.LastSequence is { } last && !wasUnknown && !state.Unknown)
        {
            var rfc = unchecked(last + state.LastRecords);
            var inclusive = unchecked(last + records);
            var ahead = unchecked(sequence - rfc);
            if (sequence != rfc && sequence != inclusive && ahead < 0x8000_0000u)
            {
                log.Add(FlowAnomalies.SequenceGap, offset);
                state.Gaps++;
            }
        }

        state.LastSequence = sequence;
        state.LastRecords = records;
    }

    private void DecodeSets(ReadOnlySpan<byte> sets, DomainKey domain, TimeBase times, bool isIpfix, IFlowSink sink, long offset)
    {
        var state = State(domain);
        while (sets.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(sets);
            int length = BinaryPrimitives.ReadUInt16BigEndian(sets[2..]);
            if (length < 4)
            {
                log.Add(FlowAnomalies.BadSet, offset);
                return;
            }

            if (length > sets.Length)
            {
                log.Add(FlowAnomalies.TruncatedRecord, offset);
                return;
            }

            var body = sets[4..length];
            sets = sets[length..];
            var ok = (isIpfix, id) switch
            {
                (false, 0) or (true, 2) => ReadTemplates(body, domain, isIpfix, options: false, offset),
                (false, 1) or (true, 3) => ReadTemplates(body, domain, isIpfix, options: true, offset),
                (_, >= 256) => ReadData(body, domain, state, id, times, isIpfix, sink, offset),
                _ => true, // reserved set ids: skipped as the RFCs say
            };
            if (!ok)
            {
                return;
            }
        }
    }

    private bool ReadTemplates(ReadOnlySpan<byte> body, DomainKey domain, bool isIpfix, bool options, long offset)
    {
        // Each template: id, field count (IPFIX options: then scope field count; v9 options: scope and option byte lengths).
        while (body.Length >= 4)
        {
            var templateId = BinaryPrimitives.ReadUInt16BigEndian(body);
            int fieldCount, scopeCount;
            int at;
            if (!options)
            {
                fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                scopeCount = 0;
                at = 4;
                if (fieldCount == 0 && isIpfix)
                {
                    templates.Remove(new TemplateKey(domain, templateId)); // withdrawal (RFC 7011 8.1)
                    body = body[4..];
                    continue;
                }
            }
            else if (isIpfix)
            {
                if (body.Length < 6)
                {
                    break;
                }

                fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                scopeCount = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                at = 6;
                if (fieldCount == 0)
                {
                    templates.Remove(new TemplateKey(domain, templateId));
                    body = body[4..];
                    continue;
                }
            }
            else
            {
                if (body.Length < 6)
                {
                    break;
                }

                int scopeBytes = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                int optionBytes = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                if (scopeBytes % 4 != 0 || optionBytes % 4 != 0)
                {
                    log.Add(FlowAnomalies.BadSet, offset);
                    return false;
                }

                scopeCount = scopeBytes / 4;
                fieldCount = scopeCount + (optionBytes / 4);
                at = 6;
            }

            if (templateId < 256 || scopeCount > fieldCount)
            {
                log.Add(FlowAnomalies.BadSet, offset);
                return false;
            }

            var lengths = new ushort[fieldCount];
            var roles = new FieldRole[fieldCount];
            for (var f = 0; f < fieldCount; f++)
            {
                if (body.Length < at + 4)
                {
                    log.Add(FlowAnomalies.TruncatedRecord, offset);
                    return false;
                }

                var type = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                var len = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
                at += 4;
                var enterprise = false;
                if (isIpfix && (type & 0x8000) != 0)
                {
                    if (body.Length < at + 4)
                    {
                        log.Add(FlowAnomalies.TruncatedRecord, offset);
                        return false;
                    }

                    at += 4; // enterprise number: no enterprise element means anything to Blinds
                    enterprise = true;
                }

                if (len == 0 || (!isIpfix && len == FlowTemplate.VariableLength))
                {
                    log.Add(FlowAnomalies.BadSet, offset);
                    return false;
                }

                lengths[f] = len;

                // v9 scope fields number their own registry (1 = system, 2 = interface...): never flow fields.
                roles[f] = enterprise || (f < scopeCount && !isIpfix) ? FieldRole.None : FlowTemplate.RoleOf((ushort)(type & 0x7FFF), len);
            }

            templates[new TemplateKey(domain, templateId)] = new FlowTemplate(lengths, roles, options);
            body = body[at..];
        }

        return true;
    }

    // Hot path: once per data set, a loop over its records with no allocation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadData(ReadOnlySpan<byte> body, DomainKey domain, DomainState state, ushort templateId, TimeBase times, bool isIpfix, IFlowSink sink, long offset)
    {
        if (!templates.TryGetValue(new TemplateKey(domain, templateId), out var template))
        {
            log.Add(FlowAnomalies.DataBeforeTemplate, offset);
            state.Unknown = true; // IPFIX: records we cannot count, so this message's sequence cannot be checked
            return true;
        }

        if (!template.HasFlowFields && !template.IsOptions)
        {
            log.Add(FlowAnomalies.TemplateWithoutFlowFields, offset);
        }

        var source = isIpfix ? FlowSource.Ipfix : FlowSource.NetFlow9;
        while (body.Length >= template.MinimumLength && template.MinimumLength > 0)
        {
            var used = ReadRecord(body, template, state, times, source, out var flow);
            if (used < 0)
            {
                log.Add(FlowAnomalies.TruncatedRecord, offset);
                return false;
            }

            body = body[used..];
            state.DataRecords++;
            if (template.HasFlowFields)
            {
                Records++;
                sink.Add(flow);
            }
        }

        return true;
    }

    private static int ReadRecord(ReadOnlySpan<byte> r, FlowTemplate template, DomainState state, TimeBase times, FlowSource source, out FlowObservation flow)
    {
        long bytes = 0, packets = 0, totalBytes = 0, totalPackets = 0;
        long firstUp = -1, lastUp = -1, startNs = long.MinValue, endNs = long.MinValue;
        IpAddress src = default, dst = default;
        ushort sport = 0, dport = 0;
        byte proto = 0;
        ulong smac = 0, dmac = 0, postSmac = 0, postDmac = 0;
        var at = 0;
        var lengths = template.Lengths;
        var roles = template.Roles;
        for (var f = 0; f < lengths.Length; f++)
        {
            int len = lengths[f];
            if (len == FlowTemplate.VariableLength)
            {
                if (at >= r.Length)
                {
                    flow = default;
                    return -1;
                }

                len = r[at++];
                if (len == 255)
                {
                    if (at + 2 > r.Length)
                    {
                        flow = default;
                        return -1;
                    }

                    len = BinaryPrimitives.ReadUInt16BigEndian(r[at..]);
                    at += 2;
                }
            }

            if (at + len > r.Length)
            {
                flow = default;
                return -1;
            }

            var v = r.Slice(at, len);
            at += len;
            switch (roles[f])
            {
                case FieldRole.None: break;
                case FieldRole.Bytes: bytes = (long)Unsigned(v); break;
                case FieldRole.Packets: packets = (long)Unsigned(v); break;
                case FieldRole.TotalBytes: totalBytes = (long)Unsigned(v); break;
                case FieldRole.TotalPackets: totalPackets = (long)Unsigned(v); break;
                case FieldRole.Protocol: proto = (byte)Unsigned(v); break;
                case FieldRole.SourcePort: sport = (ushort)Unsigned(v); break;
                case FieldRole.DestinationPort: dport = (ushort)Unsigned(v); break;
                case FieldRole.SourceV4: src = IpAddress.ReadV4(v); break;
                case FieldRole.DestinationV4: dst = IpAddress.ReadV4(v); break;
                case FieldRole.SourceV6: src = IpAddress.ReadV6(v); break;
                case FieldRole.DestinationV6: dst = IpAddress.ReadV6(v); break;
                case FieldRole.FirstUptimeMs: firstUp = (long)Unsigned(v); break;
                case FieldRole.LastUptimeMs: lastUp = (long)Unsigned(v); break;
                case FieldRole.StartSeconds: startNs = (long)Unsigned(v) * 1_000_000_000; break;
                case FieldRole.EndSeconds: endNs = (long)Unsigned(v) * 1_000_000_000; break;
                case FieldRole.StartMilliseconds: startNs = (long)Unsigned(v) * 1_000_000; break;
                case FieldRole.EndMilliseconds: endNs = (long)Unsigned(v) * 1_000_000; break;
                case FieldRole.StartNtp: startNs = Ntp(v); break;
                case FieldRole.EndNtp: endNs = Ntp(v); break;
                case FieldRole.SystemInitMs: state.SystemInitMs = (long)Unsigned(v); break;
                case FieldRole.SourceMac: smac = Unsigned(v); break;
                case FieldRole.DestinationMac: dmac = Unsigned(v); break;
                case FieldRole.PostSourceMac: postSmac = Unsigned(v); break;
                case FieldRole.PostDestinationMac: postDmac = Unsigned(v); break;
            }
        }

        // Uptime-relative times: v9 from the header's clock; IPFIX from systemInitTimeMilliseconds when the exporter
        // sent it (in an options record), else the export time stands in for the exporter's start.
        var bootNs = times.BootNs != long.MinValue ? times.BootNs
            : state.SystemInitMs is { } init ? init * 1_000_000 : times.ExportSeconds * 1_000_000_000;
        if (startNs == long.MinValue && firstUp >= 0)
        {
            startNs = bootNs + (firstUp * 1_000_000);
        }

        if (endNs == long.MinValue && lastUp >= 0)
        {
            endNs = bootNs + (lastUp * 1_000_000);
        }

        if (startNs == long.MinValue)
        {
            startNs = endNs != long.MinValue ? endNs : times.ExportSeconds * 1_000_000_000;
        }

        if (endNs == long.MinValue || endNs < startNs)
        {
            endNs = startNs;
        }

        flow = new FlowObservation
        {
            Source = source,
            StartNs = startNs,
            EndNs = endNs,
            SourceIp = src,
            DestinationIp = dst,
            SourcePort = sport,
            DestinationPort = dport,
            Protocol = proto,
            Bytes = bytes != 0 ? bytes : totalBytes,
            Packets = packets != 0 ? packets : totalPackets,
            SourceMac = smac != 0 ? smac : postSmac,
            DestinationMac = dmac != 0 ? dmac : postDmac,
        };
        return at;
    }

    // Reduced-size encoding (RFC 7011 6.2): an unsigned integer in as many bytes as the template says, up to 8.
    private static ulong Unsigned(ReadOnlySpan<byte> v)
    {
        ulong x = 0;
        var n = Math.Min(v.Length, 8);
        for (var i = v.Length - n; i < v.Length; i++)
        {
            x = (x << 8) | v[i];
        }

        return x;
    }

    private static long Ntp(ReadOnlySpan<byte> v)
    {
        long seconds = BinaryPrimitives.ReadUInt32BigEndian(v);
        var fraction = (ulong)BinaryPrimitives.ReadUInt32BigEndian(v[4..]);
        return ((seconds - NtpToUnixSeconds) * 1_000_000_000) + (long)((fraction * 1_000_000_000UL) >> 32);
    }

    private DomainState State(DomainKey key)
    {
        if (!domains.TryGetValue(key, out var s))
        {
            s = new DomainState();
            domains[key] = s;
        }

        return s;
    }

    // A gap is the sequence jumping ahead of what the last packet promised; a jump back is a restart or reordering.
    private void CheckSequence(DomainKey key, uint sequence, uint advance, long offset)
    {
        var s = State(key);
        if (s.Expected is { } expected)
        {
            var ahead = unchecked(sequence - expected);
            if (ahead != 0 && ahead < 0x8000_0000u)
            {
                log.Add(FlowAnomalies.SequenceGap, offset);
                s.Gaps++;
            }
        }

        s.Expected = unchecked(sequence + advance);
    }

    private readonly record struct DomainKey(IpAddress Exporter, uint Domain, byte Version);

    private readonly record struct TemplateKey(DomainKey Domain, ushort Id);

    private readonly record struct TimeBase(long BootNs, long ExportSeconds);

    private sealed class DomainState
    {
        public uint? Expected { get; set; }

        public bool Unknown { get; set; }

        public long Gaps { get; set; }

        public long DataRecords { get; set; }

        public long? SystemInitMs { get; set; }

        public uint? LastSequence { get; set; }

        public uint LastRecords { get; set; }
    }
}
