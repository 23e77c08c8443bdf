using Blinds.Protocols.Http;

namespace Blinds.Protocols.Ssdp;

/// <summary>What kind of SSDP message.</summary>
public enum SsdpKind
{
    /// <summary>Not SSDP.</summary>
    None,
    /// <summary>NOTIFY: a device announcing itself (ssdp:alive / ssdp:byebye).</summary>
    Notify,
    /// <summary>M-SEARCH: a control point looking for devices.</summary>
    Search,
    /// <summary>HTTP/1.1 200 OK: a device answering a search.</summary>
    Response,
}

/// <summary>An SSDP (UPnP discovery) message on UDP 1900: the headers that say what a device is. Spans point into the packet.</summary>
public readonly ref struct SsdpMessage
{
    /// <summary>Notify, search or response.</summary>
    public SsdpKind Kind { get; init; }
    /// <summary>NT: notification type.</summary>
    public ReadOnlySpan<byte> NotificationType { get; init; }
    /// <summary>NTS: ssdp:alive / ssdp:byebye.</summary>
    public ReadOnlySpan<byte> NotificationSubtype { get; init; }
    /// <summary>USN: unique service name (often carries the device UUID).</summary>
    public ReadOnlySpan<byte> UniqueServiceName { get; init; }
    /// <summary>ST: search target.</summary>
    public ReadOnlySpan<byte> SearchTarget { get; init; }
    /// <summary>SERVER: OS and product.</summary>
    public ReadOnlySpan<byte> Server { get; init; }
    /// <summary>LOCATION: the device description URL.</summary>
    public ReadOnlySpan<byte> Location { get; init; }
    /// <summary>USER-AGENT (searches).</summary>
    public ReadOnlySpan<byte> UserAgent { get; init; }

    /// <summary>Parses the message; false when the payload is not SSDP.</summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out SsdpMessage message)
    {
        message = default;
        var pos = 0;
        if (!HttpHeaders.NextLine(p, ref pos, out var first))
        {
            return false;
        }

        var kind = first.StartsWith("NOTIFY "u8) ? SsdpKind.Notify
            : first.StartsWith("M-SEARCH "u8) ? SsdpKind.Search
            : first.StartsWith("HTTP/1."u8) ? SsdpKind.Response
            : SsdpKind.None;
        if (kind == SsdpKind.None)
        {
            return false;
        }

        ReadOnlySpan<byte> nt = default, nts = default, usn = default, st = default, server = default, location = default, agent = default;
        while (HttpHeaders.NextLine(p, ref pos, out var line) && !line.IsEmpty)
        {
            if (!HttpHeaders.Split(line, out var name, out var value))
            {
                continue;
            }

            if (HttpHeaders.Is(name, "nt"u8)) { nt = value; }
            else if (HttpHeaders.Is(name, "nts"u8)) { nts = value; }
            else if (HttpHeaders.Is(name, "usn"u8)) { usn = value; }
            else if (HttpHeaders.Is(name, "st"u8)) { st = value; }
            else if (HttpHeaders.Is(name, "server"u8)) { server = value; }
            else if (HttpHeaders.Is(name, "location"u8)) { location = value; }
            else if (HttpHeaders.Is(name, "user-agent"u8)) { agent = value; }
        }

        message = new SsdpMessage
        {
            Kind = kind,
            NotificationType = nt,
            NotificationSubtype = nts,
            UniqueServiceName = usn,
            SearchTarget = st,
            Server = server,
            Location = location,
            UserAgent = agent,
        };
        return true;
    }
}
