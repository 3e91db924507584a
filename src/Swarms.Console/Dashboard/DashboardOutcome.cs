namespace Swarms.Console.Dashboard;

/// <summary>How a run ended, as the events told it: what the summary line says.</summary>
internal sealed record DashboardOutcome(string Workflow, string Status, int Completed, int Agents, long TotalTokens, TimeSpan Elapsed)
{
    /// <summary>The run's one-line outcome, shared by the live and the plain dashboards.</summary>
    public override string ToString() =>
        $"{Workflow} {Status}: {Completed}/{DashboardView.Count(Agents, "agent")} completed · " +
        $"{DashboardView.Number(TotalTokens)} tokens in total · {DashboardView.Seconds(Elapsed)}";
}
