using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ContainerCd.Benchmarks.ParserBenchmarks).Assembly).Run(args);
