using System.Buffers.Binary;
using System.Text;

using Blinds.Capture;
using Blinds.Capture.Anomalies;
using Blinds.Flows;
using Blinds.Protocols.Addressing;

namespace Blinds.Fuzz;

/// <summary>
/// Targets over the flow-record inputs: NetFlow v5/v9 and IPFIX datagrams into one decoder (templates carry across
/// datagrams), a whole flow file as the CLI reads it (export capture or Zeek log, told apart by content), and Zeek
/// log text. Invariants: every kept record ends after it starts, lasts at most 31 days, and all kept records lie
/// within twice <see cref="FlowLog.MaxDistance"/> of each other (flow_stamp_outlier left the rest out).
/// </summary>
public static class FlowTargets
{
    /// <summary>"Now" for the time judgement, fixed so that a crash replays the same: 2027-01-15.</summary>
    public const long NowNs = 1_800_000_000L * 1_000_000_000;

    private static readonly IpAddress Exporter = IpAddress.FromV4(0x0a00_0001);

    /// <summary>
    /// Datagrams for the decoder: the input is a sequence of (2-byte big-endian length, datagram), so that a
    /// template in one datagram meets data in the next; a length past the end takes what is left.
    /// </summary>
    public static void NetFlow(byte[] bytes)
    {
        var log = new FlowLog();
        var decoder = new NetFlowDecoder(log.Anomalies);
        var at = 0;
        long datagram = 0;
        while (at + 2 <= bytes.Length)
        {
            var length = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at)), bytes.Length - at - 2);
            decoder.Decode(bytes.AsSpan(at + 2, length), Exporter, log, ++datagram);
            at += 2 + length;
        }

        log.ScreenTimes(NowNs);
        Check(log);
    }

    /// <summary>A flow file as `blinds flows` reads it; its documented failures are the CLI's one-line input errors.</summary>
    public static void FlowFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"blinds-fuzz-{Environment.ProcessId}.flows");
        File.WriteAllBytes(path, bytes);
        try
        {
            Check(FlowReader.ReadFiles([path], NowNs));
        }
        catch (Exception e) when (e is CaptureFormatException or IOException or InvalidDataException)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Zeek conn/dns/ssl log text (TSV with its header lines, or JSON lines).</summary>
    public static void Zeek(byte[] bytes)
    {
        var log = new FlowLog();
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        new ZeekLogReader(log, log.Anomalies).Read(text, "fuzz");
        log.ScreenTimes(NowNs);
        Check(log);
    }

    /// <summary>Small valid inputs for <paramref name="target"/> (the seed corpus), by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Seeds(string target) => target switch
    {
        "netflow" => new Dictionary<string, byte[]>
        {
            ["v5"] = Framed(V5()),
            ["v9"] = Framed(V9Template(), V9Data()),
            ["ipfix"] = Framed(IpfixPacket()),
        },
        "flow-file" => new Dictionary<string, byte[]>
        {
            ["export.pcap"] = ExportPcap(V5(), V9Template(), V9Data(), IpfixPacket()),
            ["conn.log"] = Encoding.UTF8.GetBytes(ConnTsv),
            ["conn.json"] = Encoding.UTF8.GetBytes(ConnJson),
        },
        "zeek" => new Dictionary<string, byte[]>
        {
            ["conn.log"] = Encoding.UTF8.GetBytes(ConnTsv),
            ["conn.json"] = Encoding.UTF8.GetBytes(ConnJson),
            ["dns.log"] = Encoding.UTF8.GetBytes(DnsTsv),
        },
        _ => new Dictionary<string, byte[]>(),
    };

    private static void Check(FlowLog log)
    {
        var longest = (long)TimeSpan.FromDays(31).TotalNanoseconds;
        foreach (var f in log.Flows)
        {
            if (f.EndNs < f.StartNs || f.EndNs - f.StartNs > longest)
            {
                throw new InvalidOperationException($"a kept flow spans {f.StartNs}..{f.EndNs}");
            }
        }

        if (log.Flows.Count > 0 && log.LastNs - log.FirstNs > 2 * (long)FlowLog.MaxDistance.TotalNanoseconds)
        {
            throw new InvalidOperationException($"kept flows span {log.FirstNs}..{log.LastNs}: a stray stamp got through");
        }
    }

    private const uint Clock = 1_790_000_000;

    private static byte[] Framed(params byte[][] datagrams)
    {
        var ms = new MemoryStream();
        foreach (var d in datagrams)
        {
            ms.WriteByte((byte)(d.Length >> 8));
            ms.WriteByte((byte)d.Length);
            ms.Write(d);
        }

        return ms.ToArray();
    }

    private static byte[] V5()
    {
        var b = new Builder().U16(5).U16(2).U32(10_000).U32(Clock).U32(0).U32(0).U8(0).U8(0).U16(0);
        foreach (var (src, bytes) in new[] { (0xc0a8_010aU, 1500U), (0xc0a8_010bU, 40U) })
        {
            b.U32(src).U32(0x3401_0203).U32(0).U16(1).U16(2).U32(3).U32(bytes).U32(4_000).U32(9_000)
                .U16(40000).U16(443).U8(0).U8(0x18).U8(6).U8(0).U16(0).U16(0).U8(24).U8(0).U16(0);
        }

        return b.ToArray();
    }

    // v9 template 256: addresses, uptimes, bytes, packets, ports, protocol (softflowd's IPv4 template).
    private static byte[] V9Template() => new Builder().U16(9).U16(1).U32(60_000).U32(Clock).U32(1).U32(7)
        .U16(0).U16(4 + 4 + 36).U16(256).U16(9)
        .U16(8).U16(4).U16(12).U16(4).U16(22).U16(4).U16(21).U16(4).U16(1).U16(4).U16(2).U16(4).U16(7).U16(2).U16(11).U16(2).U16(4).U16(1)
        .ToArray();

    private static byte[] V9Data() => new Builder().U16(9).U16(1).U32(61_000).U32(Clock + 1).U32(2).U32(7)
        .U16(256).U16(4 + 29).U32(0xc0a8_0114).U32(0x3401_0203).U32(1_000).U32(2_000).U32(700).U32(5).U16(40000).U16(443).U8(6)
        .ToArray();

    // IPFIX template 400 and one record: addresses, octets, packets (8 bytes), start and end milliseconds.
    private static byte[] IpfixPacket()
    {
        var template = new Builder().U16(2).U16(4 + 4 + 24).U16(400).U16(6)
            .U16(8).U16(4).U16(12).U16(4).U16(1).U16(8).U16(2).U16(8).U16(152).U16(8).U16(153).U16(8).ToArray();
        var data = new Builder().U16(400).U16(4 + 40).U32(0xc0a8_011e).U32(0x3409_0909).U64(4242).U64(3)
            .U64(Clock * 1000UL).U64((Clock * 1000UL) + 2_500).ToArray();
        return new Builder().U16(10).U16(16 + template.Length + data.Length).U32(Clock).U32(0).U32(9).Raw(template).Raw(data).ToArray();
    }

    // A pcap of the datagrams sent from the exporter to UDP 2055, one a second.
    private static byte[] ExportPcap(params byte[][] datagrams)
    {
        var b = new Builder(littleEndian: true).U32(0xa1b2c3d4).U16(2).U16(4).U32(0).U32(0).U32(65535).U32(1);
        var frame = new byte[2048];
        for (var i = 0; i < datagrams.Length; i++)
        {
            var n = Lab.Packets.FrameBuilder.Udp(frame, new MacAddress(0x0200_0000_0002), new MacAddress(0x0200_0000_0001), Exporter, 9995, IpAddress.FromV4(0x0a00_0002), 2055, datagrams[i]);
            b.U32(Clock + (uint)i).U32(0).U32((uint)n).U32((uint)n).Raw(frame.AsSpan(0, n).ToArray());
        }

        return b.ToArray();
    }

    private const string ConnTsv = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2026-09-21-00-00-00\n"
        + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n"
        + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n"
        + "1790000000.123456\tCHhAvVGS1DHFjwGM9\t192.168.1.23\t49152\t52.1.2.3\t443\ttcp\tssl\t12.500000\t1200\t5400\tSF\tT\tF\t0\tShADadFf\t10\t1720\t9\t5868\t-\n"
        + "1790000004.500000\tCtPZjS20MLrsMUOJi2\t192.168.1.40\t40000\t52.7.7.7\t8883\ttcp\t-\t-\t-\t-\tS0\tT\tF\t0\tS\t1\t60\t0\t0\t-\n"
        + "#close\t2026-09-21-01-00-00\n";

    private const string ConnJson = "{\"ts\":1790000000.123456,\"uid\":\"CHhAvVGS1DHFjwGM9\",\"id.orig_h\":\"192.168.1.23\",\"id.orig_p\":49152,\"id.resp_h\":\"52.1.2.3\",\"id.resp_p\":443,\"proto\":\"tcp\",\"service\":\"ssl\",\"duration\":12.5,\"orig_bytes\":1200,\"resp_bytes\":5400,\"conn_state\":\"SF\",\"orig_pkts\":10,\"orig_ip_bytes\":1720,\"resp_pkts\":9,\"resp_ip_bytes\":5868}\n"
        + "{\"ts\":\"2026-09-21T12:13:24.500000Z\",\"uid\":\"CtPZjS20MLrsMUOJi2\",\"id.orig_h\":\"fd00::40\",\"id.orig_p\":40000,\"id.resp_h\":\"2600:1f18::7\",\"id.resp_p\":8883,\"proto\":\"tcp\",\"conn_state\":\"S0\",\"orig_pkts\":1,\"orig_ip_bytes\":80,\"resp_pkts\":0,\"resp_ip_bytes\":0}\n";

    private const string DnsTsv = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#open\t2026-09-21-00-00-00\n"
        + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n"
        + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool\n"
        + "1790000000.000000\tC1\t192.168.1.23\t5353\t192.168.1.1\t53\tudp\t1\t0.004\tcam.example.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t52.1.2.3,52.1.2.4\t60.0,60.0\tF\n"
        + "#close\t2026-09-21-01-00-00\n";

    private sealed class Builder(bool littleEndian = false)
    {
        private readonly List<byte> ms = [];

        public Builder U8(int v)
        {
            ms.Add((byte)v);
            return this;
        }

        public Builder U16(int v)
        {
            Span<byte> b = stackalloc byte[2];
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
            }

            ms.AddRange(b);
            return this;
        }

        public Builder U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            }

            ms.AddRange(b);
            return this;
        }

        public Builder U64(ulong v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(b, v);
            ms.AddRange(b);
            return this;
        }

        public Builder Raw(byte[] bytes)
        {
            ms.AddRange(bytes);
            return this;
        }

        public byte[] ToArray() => [.. ms];
    }
}
