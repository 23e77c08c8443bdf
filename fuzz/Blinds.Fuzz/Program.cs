using Blinds.Fuzz;

using SharpFuzz;

// AFL++ runs this once per process and feeds inputs through SharpFuzz's shared-memory loop; `--once FILE` runs one
// input without AFL (to replay a crash); `--seeds DIR` writes the target's generated seeds.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Blinds.Fuzz TARGET [--once FILE | --seeds DIR]   targets: {string.Join(", ", Targets.All.Keys)}");
    return 1;
}

if (args.Length == 3 && args[1] == "--seeds")
{
    // The generated seed corpus (scripts/fuzz.sh asks for it; targets fed from ../shared/data may have none).
    Directory.CreateDirectory(args[2]);
    foreach (var (name, bytes) in Targets.Seeds(args[0]))
    {
        File.WriteAllBytes(Path.Combine(args[2], name), bytes);
    }

    return 0;
}

if (args.Length == 3 && args[1] == "--once")
{
    target(File.ReadAllBytes(args[2]));
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    target(ms.ToArray());
});
return 0;
