using BenchmarkDotNet.Running;
using Swarms.Benchmarks;

// dotnet run -c Release --project bench/Swarms.Benchmarks -- --filter '*'     (BenchmarkDotNet)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- alloc           (allocations on all threads)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- skew            (concurrent agents' start skew)
if (args is ["alloc", ..])
{
    await AllocationReport.RunAsync();
    return;
}

if (args is ["skew", ..])
{
    await StartSkewReport.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationReport).Assembly).Run(args);
