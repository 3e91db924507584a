using BenchmarkDotNet.Running;
using Swarms.Benchmarks;

// dotnet run -c Release --project bench/Swarms.Benchmarks -- --filter '*'     (BenchmarkDotNet)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- alloc           (allocations on all threads)
if (args is ["alloc", ..])
{
    await AllocationReport.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationReport).Assembly).Run(args);
