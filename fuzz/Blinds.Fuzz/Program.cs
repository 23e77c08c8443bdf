using Blinds.Fuzz;

using SharpFuzz;

// AFL++ runs this once per process and feeds inputs through SharpFuzz's shared-memory loop; `--once FILE` runs one
// input without AFL (to replay a crash, and what the regression tests of fuzz findings do).
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Blinds.Fuzz TARGET [--once FILE]   targets: {string.Join(", ", Targets.All.Keys)}");
    return 1;
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
