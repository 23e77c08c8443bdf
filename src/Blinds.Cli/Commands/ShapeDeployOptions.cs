using System.CommandLine;

namespace Blinds.Cli.Commands;

/// <summary>The options of `blinds shape` that say where and how a defence is deployed: the cell path's peer, key and
/// routes, the cover address, the interfaces; what is deployed is <see cref="ShapeDefence"/>'s.</summary>
internal static class ShapeDeployOptions
{
    internal static readonly Option<string?> PeerOption = new("--peer") { Description = "cells: the endpoint's ADDRESS:PORT (gateway)" };
    internal static readonly Option<string> ListenOption = new("--listen") { Description = "cells: the local ADDRESS:PORT cells are sent from and received on", DefaultValueFactory = _ => "0.0.0.0:51821" };
    internal static readonly Option<string?> KeyOption = new("--key-file") { Description = "cells: the 32-byte pre-shared key, the same file on both ends (head -c 32 /dev/urandom > key)" };
    internal static readonly Option<string?> RouteOption = new("--route") { Description = "cells: gateway: the home addresses whose traffic goes through the cells (e.g. 192.0.2.0/24); endpoint: the home addresses routed back into them" };
    internal static readonly Option<string> FailOption = new("--fail") { Description = "cells: closed (default: while the shaper is down the chosen traffic is blackholed) or open (it takes the ordinary route, unpadded)", DefaultValueFactory = _ => "closed" };
    internal static readonly Option<int> SeedOption = new("--seed") { Description = "cells: seed of the VIT and decoy draws", DefaultValueFactory = _ => 1 };
    internal static readonly Option<int> QueueOption = new("--queue") { Description = "cells: most packets waiting; beyond, dropped and counted", DefaultValueFactory = _ => 4096 };
    internal static readonly Option<int> TunMtuOption = new("--tun-mtu") { Description = "cells: the TUN device's MTU, the largest packet carried (fragmented into cells)", DefaultValueFactory = _ => 1500 };
    internal static readonly Option<bool> EndpointOption = new("--endpoint") { Description = "plan: the endpoint's side (cells)" };
    internal static readonly Option<string> CoverOption = new("--cover-to") { Description = "Dummy address cover is sent to (the far end drops it)", DefaultValueFactory = _ => "198.18.0.254" };
    internal static readonly Option<string?> LanOption = new("--lan-dev") { Description = "The LAN interface the chosen devices' frames arrive on" };
    internal static readonly Option<int> MtuOption = new("--mtu") { Description = "The interface's MTU: the token bucket holds one packet (default: read from the interface, else 1500)" };
    internal static readonly Option<string?> DropOption = new("--drop-cover") { Description = "endpoint: the home's cover address, dropped here" };
    internal static readonly Option<string> SchedulerOption = new("--scheduler") { Description = "plan: prio (paper 002 Fig. 8) or htb (class priorities, for kernels without sch_prio; up falls back to it by itself)", DefaultValueFactory = _ => "prio" };

    /// <summary>Where and how plan, up and endpoint deploy (beside <see cref="ShapeDefence.All"/>, what they deploy).</summary>
    public static Option[] Deploy => [PeerOption, ListenOption, KeyOption, RouteOption, FailOption, SeedOption, QueueOption, TunMtuOption, CoverOption, LanOption, MtuOption];
}
