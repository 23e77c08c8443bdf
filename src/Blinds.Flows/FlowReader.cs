using System.Text;

using Blinds.Capture;

namespace Blinds.Flows;

/// <summary>
/// Reads flow inputs, each file's kind read from its content (never its name): captures of NetFlow/IPFIX export
/// datagrams and Zeek logs, plain or compressed. One decoder serves all export captures, so templates and sequence
/// numbers carry across files split by rotation.
/// </summary>
public static class FlowReader
{
    /// <summary>What <paramref name="path"/> holds. Throws <see cref="IOException"/> when it cannot be opened.</summary>
    public static FlowInputKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using (var raw = File.OpenRead(path))
        {
            var (data, _) = CaptureInput.Unwrap(raw);
            using (data)
            {
                var head = new byte[4096];
                int n;
                try
                {
                    n = data.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                }
                catch (InvalidDataException)
                {
                    return FlowInputKind.Unknown; // compressed data corrupt from the start
                }

                if (ZeekLogReader.LooksLikeZeek(head.AsSpan(0, n)))
                {
                    return FlowInputKind.ZeekLog;
                }
            }
        }

        try
        {
            using var reader = CaptureReader.Open(path, new Capture.Anomalies.AnomalyLog());
            return ExportCaptureReader.LooksLikeExportCapture(reader) ? FlowInputKind.ExportCapture : FlowInputKind.PacketCapture;
        }
        catch (CaptureFormatException)
        {
            return FlowInputKind.Unknown;
        }
    }

    /// <summary>
    /// Reads every file into one <see cref="FlowLog"/>, records stamped far from the others left out and counted
    /// (<see cref="FlowLog.ScreenTimes"/>, "now" being <paramref name="nowNs"/> or the clock). Throws
    /// <see cref="CaptureFormatException"/> naming the file when one is neither an export capture nor a Zeek log.
    /// </summary>
    public static FlowLog ReadFiles(IEnumerable<string> paths, long? nowNs = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var flows = new FlowLog();
        var decoder = new NetFlowDecoder(flows.Anomalies);
        foreach (var path in paths)
        {
            switch (Detect(path))
            {
                case FlowInputKind.ExportCapture:
                    using (var reader = CaptureReader.Open(path, flows.Anomalies))
                    {
                        ExportCaptureReader.Read(reader, decoder, flows);
                        if (reader.StopError is { } stop)
                        {
                            flows.AddStopError(stop);
                        }
                    }

                    break;
                case FlowInputKind.ZeekLog:
                    using (var raw = File.OpenRead(path))
                    {
                        var (data, _) = CaptureInput.Unwrap(raw);
                        using var text = new StreamReader(data, Encoding.UTF8);
                        new ZeekLogReader(flows, flows.Anomalies).Read(text, path);
                    }

                    break;
                case FlowInputKind.PacketCapture:
                    throw new CaptureFormatException($"{path}: a packet capture of a home, not flow records (NetFlow/IPFIX export datagrams or Zeek logs)");
                default:
                    throw new CaptureFormatException($"{path}: not flow records: neither a capture of NetFlow/IPFIX export datagrams nor a Zeek log");
            }
        }

        flows.ScreenTimes(nowNs);
        return flows;
    }
}
