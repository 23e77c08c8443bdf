using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Blinds.Benchmarks.PacketPathBenchmarks).Assembly).Run(args);
