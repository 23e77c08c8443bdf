using System.CommandLine;

using Blinds.Attacks.Observers;
using Blinds.Protocols.Addressing;

namespace Blinds.Cli.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Captures()
    {
        var argument = new Argument<string[]>("CAPTURE")
        {
            Description = "Capture files (pcap or pcapng, plain or gzip/zstd/lz4-compressed; the format is read from the content, not the name)",
            Arity = ArgumentArity.OneOrMore,
        };

        // A list argument swallows unknown options ("--frobnicate") as file names; call them what they are.
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value))
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        return argument;
    }

    public static Option<ObserverKind> Observer() => new("--observer")
    {
        Description = "Who watches: lan (anyone on the home network), isp (outside the NAT), wifi (the radio, without the key)",
        DefaultValueFactory = _ => ObserverKind.Lan,
    };

    public static Option<string[]> HomeAddresses() => new("--home-address")
    {
        Description = "The home's public address(es), for a capture taken outside the NAT (the ISP's side)",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Parses --home-address values; a bad one is a usage error naming it.</summary>
    public static IReadOnlySet<IpAddress>? ParseHomeAddresses(string[]? values)
    {
        if (values is not { Length: > 0 })
        {
            return null;
        }

        var set = new HashSet<IpAddress>();
        foreach (var v in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!IpAddress.TryParse(v, out var ip))
            {
                throw new CliException(ExitCodes.Usage, $"--home-address: '{v}' is not an IP address");
            }

            set.Add(ip);
        }

        return set;
    }

    public static Option<bool> Json() => new("--json") { Description = "Write JSON to stdout instead of tables" };
}
