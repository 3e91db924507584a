using System.Runtime.InteropServices;
using Swarms.Cli;

// Ctrl+C (and SIGTERM) cancel the run: every agent stops, the live display is cleared and the cursor restored,
// and the process exits with 130.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

return await SwarmsCli.RunAsync(args, CliContext.FromProcess(), cancel.Token);
