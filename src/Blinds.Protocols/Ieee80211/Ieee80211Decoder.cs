using System.Buffers.Binary;

using Blinds.Capture.Anomalies;
using Blinds.Protocols.Addressing;
using Blinds.Protocols.Ethernet;

namespace Blinds.Protocols.Ieee80211;

/// <summary>
/// 802.11 MAC headers, with or without radiotap in front: what a Wi-Fi eavesdropper sees. Transmitter and receiver
/// MACs, BSSID, frame type; for unprotected data frames the LLC/SNAP EtherType, so the IP layer can follow.
/// </summary>
public static class Ieee80211Decoder
{
    /// <summary>Skips a radiotap header and decodes the 802.11 frame after it; returns the network-layer offset or -1.</summary>
    public static int DecodeRadiotap(ReadOnlySpan<byte> p, ref PacketInfo info, AnomalyLog log)
    {
        if (p.Length < 8)
        {
            log.Add(ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        int len = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        if (len < 8 || len > p.Length)
        {
            log.Add(len < 8 ? ProtocolAnomalies.BadRadiotapLength : ProtocolAnomalies.TruncatedLinkHeader);
            return -1;
        }

        // Radiotap flags field (bit 1 of the present word) says whether a 4-byte FCS ends the frame; sizes keep it.
        var r = Decode(p[len..], ref info, log);
        return r < 0 ? -1 : r + len;
    }

    /// <summary>Decodes an 802.11 frame; returns the network-layer offset or -1 when there is none to follow.</summary>
    public static int Decode(ReadOnlySpan<byte> p, ref PacketInfo info, AnomalyLog log)
    {
        info.IsWifi = true;
        if (p.Length < 10)
        {
            log.Add(ProtocolAnomalies.TruncatedIeee80211);
            return -1;
        }

        var fc0 = p[0];
        var fc1 = p[1];
        var type = (byte)((fc0 >> 2) & 3);
        var subtype = (fc0 >> 4) & 0xf;
        info.WifiType = type;
        info.WifiProtected = (fc1 & 0x40) != 0;
        info.DestinationMac = MacAddress.Read(p[4..]);
        info.HasMac = true;
        if (type == 1)
        {
            // Control frames: ACK and CTS carry only the receiver.
            if (p.Length >= 16 && subtype is not (12 or 13))
            {
                info.SourceMac = MacAddress.Read(p[10..]);
            }

            return -1;
        }

        if (p.Length < 24)
        {
            log.Add(ProtocolAnomalies.TruncatedIeee80211);
            return -1;
        }

        info.SourceMac = MacAddress.Read(p[10..]);
        var toDs = (fc1 & 1) != 0;
        var fromDs = (fc1 & 2) != 0;
        info.Bssid = MacAddress.Read((toDs, fromDs) switch
        {
            (false, false) => p[16..],
            (true, false) => p[4..],
            (false, true) => p[10..],
            _ => p[16..],
        });
        if (type != 2)
        {
            return -1;
        }

        var header = 24;
        if (toDs && fromDs)
        {
            header += 6;
        }

        if ((subtype & 0x8) != 0)
        {
            header += 2; // QoS control
        }

        if ((fc1 & 0x80) != 0)
        {
            header += 4; // HT control (order bit)
        }

        if ((subtype & 0x4) != 0 || info.WifiProtected)
        {
            return -1; // null data carries nothing; protected bodies are opaque to an eavesdropper
        }

        if (p.Length < header)
        {
            log.Add(ProtocolAnomalies.TruncatedIeee80211);
            return -1;
        }

        return EthernetDecoder.LlcSnap(p, header, ref info);
    }
}
