namespace Blinds.Shaping;

/// <summary>
/// The options of `blinds shape plan|up|endpoint` as given on the command line, before any is checked:
/// <see cref="ShapeBinding"/> turns them into the plan of one end (cell path or rate-only).
/// </summary>
public sealed record ShapeSettings
{
    /// <summary>The shorthand options a written plan replaces (giving both is an error).</summary>
    public static readonly IReadOnlyList<string> ShorthandNames = ["--rate", "--up-rate", "--down-rate", "--timing", "--spread", "--period", "--cell", "--size", "--devices", "--schedule"];

    /// <summary>The interface (rate-only) or TUN device (cells).</summary>
    public required string Dev { get; init; }

    /// <summary>True for the endpoint's side.</summary>
    public bool Endpoint { get; init; }

    /// <summary>True for `plan` (nothing is changed; a key is not needed).</summary>
    public bool PlanOnly { get; init; }

    /// <summary>--plan.</summary>
    public string? Plan { get; init; }

    /// <summary>--plan-file.</summary>
    public string? PlanFile { get; init; }

    /// <summary>The shorthand options given explicitly (their names, e.g. "--rate").</summary>
    public IReadOnlyList<string> Given { get; init; } = [];

    /// <summary>--mode as given; null when left to its default.</summary>
    public string? Mode { get; init; }

    /// <summary>--rate.</summary>
    public string? Rate { get; init; }

    /// <summary>--up-rate.</summary>
    public string? UpRate { get; init; }

    /// <summary>--down-rate.</summary>
    public string? DownRate { get; init; }

    /// <summary>--timing.</summary>
    public string Timing { get; init; } = "constant";

    /// <summary>--spread.</summary>
    public double Spread { get; init; } = 0.5;

    /// <summary>--period.</summary>
    public string Period { get; init; } = "5s";

    /// <summary>--cell.</summary>
    public int Cell { get; init; } = 512;

    /// <summary>--size.</summary>
    public int Size { get; init; } = 512;

    /// <summary>--devices.</summary>
    public string? Devices { get; init; }

    /// <summary>--lan-dev.</summary>
    public string? LanDevice { get; init; }

    /// <summary>--schedule.</summary>
    public string? Schedule { get; init; }

    /// <summary>--peer.</summary>
    public string? Peer { get; init; }

    /// <summary>--listen.</summary>
    public string Listen { get; init; } = "0.0.0.0:51821";

    /// <summary>--key-file.</summary>
    public string? KeyFile { get; init; }

    /// <summary>--route.</summary>
    public string? Route { get; init; }

    /// <summary>--fail.</summary>
    public string Fail { get; init; } = "closed";

    /// <summary>--seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>--queue.</summary>
    public int Queue { get; init; } = 4096;

    /// <summary>--tun-mtu.</summary>
    public int TunMtu { get; init; } = 1500;

    /// <summary>--cover-to.</summary>
    public string CoverTo { get; init; } = "198.18.0.254";

    /// <summary>--mtu (0: read from the interface).</summary>
    public int Mtu { get; init; }

    /// <summary>--drop-cover.</summary>
    public string? DropCover { get; init; }

    /// <summary>--scheduler.</summary>
    public string Scheduler { get; init; } = "prio";

    /// <summary>--decoys-from: a capture of the home whose activity the decoys copy.</summary>
    public string? DecoysFrom { get; init; }

    /// <summary>--decoy-day: the UTC day whose decoys `plan` lists (default today).</summary>
    public string? DecoyDay { get; init; }

    /// <summary>True when the cell path deploys: --mode cells, or a written plan and no --mode (what was simulated).</summary>
    public bool IsCells => Mode == "cells" || (Mode is null && (Plan ?? PlanFile) is not null);
}
