using BenchmarkDotNet.Running;
using Swarms.Benchmarks;

// dotnet run -c Release --project bench/Swarms.Benchmarks -- --filter '*'     (BenchmarkDotNet)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- alloc           (allocations on all threads)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- skew            (concurrent agents' start skew)
// dotnet run -c Release --project bench/Swarms.Benchmarks -- tools           (one run of each tool benchmark, as a check)
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

if (args is ["tools", ..])
{
    // Each tool benchmark once, with what it streamed, to see that the round trips do call the tool.
    var bench = new ToolRoundTripBenchmarks();
    bench.Setup();
    Console.WriteLine($"local plain: {await bench.LocalPlain()} events; local tool: {await bench.LocalTool()} events");
    Console.WriteLine($"in-memory plain: {await bench.ScriptedPlain()} events; in-memory tool: {await bench.ScriptedTool()} events");
    Console.WriteLine($"MAF plain: {await bench.MafPlain()} contents; MAF tool: {await bench.MafTool()} contents");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AllocationReport).Assembly).Run(args);
