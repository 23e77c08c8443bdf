using Blinds.Attacks.Observers;
using Blinds.Flows;
using Blinds.Protocols.Addressing;

namespace Blinds.Cli;

/// <summary>
/// Flow records (NetFlow/IPFIX export captures, Zeek logs) given to a command that reads captures: told apart by
/// content, read into the ISP's view at the flows' resolution (docs/flows.md), with the same one-line warnings and
/// --strict handling as a damaged capture.
/// </summary>
internal static class FlowInputs
{
    /// <summary>What a flow input gives, beside the view: the records' span, for scoring against labels.</summary>
    public sealed record Loaded(ObserverView View, FlowLog Log, int ExitCode)
    {
        /// <summary>Earliest flow start, Unix ns (0 when there are no flows).</summary>
        public long FirstNs => Log.FirstNs ?? 0;

        /// <summary>Latest flow end, Unix ns (0 when there are no flows).</summary>
        public long LastNs => Log.LastNs ?? 0;
    }

    /// <summary>
    /// True when every input is flow records, false when none is (files that cannot be opened are left to the
    /// capture reader, which names the problem). A mix is a usage error: flows and packets of one home are two
    /// resolutions of the same traffic, not parts to merge.
    /// </summary>
    public static bool AreFlows(IReadOnlyList<string> paths)
    {
        try
        {
            return FlowReplay.AreFlows(paths);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
    }

    /// <summary>
    /// Reads flow records into the ISP's view with 1 s bins. <paramref name="observerGiven"/> says whether the user
    /// chose the observer: flow records only give the ISP's view, so any other choice is a usage error.
    /// </summary>
    public static Loaded Load(IReadOnlyList<string> paths, ObserverKind observer, bool observerGiven, IReadOnlySet<IpAddress>? home)
    {
        if (observerGiven && observer != ObserverKind.Isp)
        {
            throw new CliException(ExitCodes.Usage, $"--observer {observer.ToString().ToLowerInvariant()}: flow records only give the ISP's view (addresses, ports, times and byte counts, no frames or names of the LAN); use --observer isp or leave it out");
        }

        var log = Commands.FlowsCommand.Load(paths);
        var code = ExitCodes.Ok;
        foreach (var stop in log.StopErrors)
        {
            if (TraceLoader.Strict)
            {
                Terminal.Error(stop);
                code = ExitCodes.InputDamaged;
            }
            else
            {
                Terminal.Warning(stop);
            }
        }

        // (Stray stamps had their own line as they were read.)
        if (FlowReplay.LostLine(log) is { } lost)
        {
            Terminal.Warning(lost);
        }

        if (log.Flows.Count == 0)
        {
            throw new CliException(ExitCodes.InputError, $"{string.Join(", ", paths)}: no flow records could be read");
        }

        var view = FlowObserver.Project(log, TimeSpan.FromSeconds(1), home, FlowObserver.OwnersFromMacs(log, home));
        return new Loaded(view, log, code);
    }

    /// <summary>
    /// <paramref name="paths"/> as they are when they are captures; when they are flow records, the one temporary
    /// capture <see cref="AsCapture"/> replays them into. <c>Flows</c> says which; the exit code is the flows' reading.
    /// </summary>
    public static (string[] Paths, bool Flows, int ExitCode) ReplayIfFlows(string[] paths, IReadOnlySet<IpAddress>? home)
    {
        if (!AreFlows(paths))
        {
            return (paths, false, ExitCodes.Ok);
        }

        var (replay, code) = AsCapture(paths, home);
        return ([replay], true, code);
    }

    /// <summary>
    /// Flow records as the packets they stand for (<see cref="FlowPackets"/>), in a temporary pcap removed when
    /// the process ends, for commands that replay captures (simulate, frontier): the defences then act on evenly
    /// spaced packets of each flow's mean size, which is all the flows tell.
    /// </summary>
    public static (string Path, int ExitCode) AsCapture(IReadOnlyList<string> paths, IReadOnlySet<IpAddress>? home)
    {
        var loaded = Load(paths, ObserverKind.Isp, observerGiven: false, home);
        var path = CliException.Guard(ExitCodes.OutputError, () => FlowReplay.WriteTemporaryCapture(loaded.Log, home));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return (path, loaded.ExitCode);
    }
}
