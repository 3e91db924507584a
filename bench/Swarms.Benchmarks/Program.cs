using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Swarms.Benchmarks -- --filter '*AgentStreaming*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
