using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Swarms.Agents.Workflows;

namespace Swarms.Console.Dashboard;

/// <summary>Builds the dashboard's renderables: the live frame, the final panel and the summary table.</summary>
internal static class DashboardView
{
    private static readonly Spinner Spinner = Spinner.Known.Dots;

    /// <summary>The live frame: one panel titled with the workflow, a header line and the text's tail per agent.</summary>
    public static IRenderable Frame(string workflow, AgentRowView[] rows, TimeSpan elapsed, int width, int height, long tick)
    {
        // Panel border and padding take 4 columns, the text's indent 2 more; each agent has a header line,
        // the panel 2 border lines and the footer 1.
        int textWidth = Math.Max(10, width - 6);
        int linesPerAgent = Math.Clamp((height - 3 - rows.Length) / Math.Max(1, rows.Length), 1, 10);
        var items = new List<IRenderable>(rows.Length * 2 + 1);
        foreach (var row in rows)
        {
            items.Add(Header(row, tick));
            int textLines = linesPerAgent;
            if (row.ToolLines.Count > 0)
            {
                // The latest tool call, on one line: what the agent is doing between its answer's turns.
                items.Add(new Padder(new Text(TextTail.Last(row.ToolLines[^1], textWidth, 1), new Style(Color.Grey)), new Padding(2, 0, 0, 0)));
                textLines = Math.Max(1, textLines - 1);
            }

            var tail = TextTail.Last(row.Text, textWidth, textLines);
            items.Add(tail.Length > 0
                ? new Padder(new Text(tail), new Padding(2, 0, 0, 0))
                : new Padder(new Markup(row.Status switch
                {
                    AgentStepStatus.Pending => "[grey]waiting…[/]",
                    AgentStepStatus.WaitingForApproval or AgentStepStatus.Rejected => $"[grey]{Markup.Escape(row.Error ?? "")}[/]",
                    _ => "[grey]…[/]",
                }), new Padding(2, 0, 0, 0)));
        }

        items.Add(new Markup($"[grey]{Footer(rows, elapsed)}[/]"));
        return new Panel(new Rows(items))
            .Header(new PanelHeader($" {Markup.Escape(workflow)} "))
            .Border(BoxBorder.Rounded)
            .BorderColor(Color.Blue)
            .Expand();
    }

    /// <summary>The final panel: every agent's complete answer (printed once, after the live display is gone).</summary>
    public static IRenderable Final(string workflow, AgentRowView[] rows, bool cancelled = false)
    {
        var items = new List<IRenderable>(rows.Length * 3);
        for (int i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (i > 0)
            {
                items.Add(new Text(""));
            }

            items.Add(Header(row, 0));
            foreach (var tool in row.ToolLines)
            {
                items.Add(new Padder(new Text(tool, new Style(Color.Grey)), new Padding(2, 0, 0, 0)));
            }

            // Completed: the answer; cancelled: the text as it stood; failed: why.
            var body = row.Status is AgentStepStatus.Completed || (row.Status == AgentStepStatus.Cancelled && row.Text.Length > 0)
                ? row.Text
                : row.Error ?? "";
            items.Add(new Padder(new Text(body), new Padding(2, 0, 0, 0)));
        }

        return new Panel(new Rows(items))
            .Header(new PanelHeader($" {Markup.Escape(workflow)} "))
            .Border(BoxBorder.Rounded)
            .BorderColor(!cancelled && rows.All(r => r.Status == AgentStepStatus.Completed) ? Color.Green : Color.Yellow)
            .Expand();
    }

    /// <summary>The summary: a table of agents with status, tokens and time, and the run's outcome line.</summary>
    public static IRenderable Summary(DashboardOutcome outcome, AgentRowView[] rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Summary")
            .AddColumn("Agent").AddColumn("Status")
            .AddColumn(new TableColumn("Input tokens").RightAligned())
            .AddColumn(new TableColumn("Output tokens").RightAligned())
            .AddColumn(new TableColumn("Time").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Name), new Markup(StatusMarkup(row)),
                new Text(Number(row.Usage.InputTokens)), new Text(Number(row.Usage.OutputTokens)), new Text(Seconds(row.Elapsed)));
        }

        var line = new Markup($"[bold]{Markup.Escape(outcome.ToString())}[/]");
        return new Rows(table, line);
    }

    /// <summary><paramref name="count"/> and the noun, plural unless it is one: <c>1 agent</c>, <c>3 agents</c>, <c>1,234 output tokens</c>.</summary>
    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{Number(count)} {noun}s";

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static Markup Header(AgentRowView row, long tick)
    {
        var icon = row.Status == AgentStepStatus.Running
            ? $"[yellow]{Markup.Escape(Spinner.Frames[(int)(tick % Spinner.Frames.Count)])}[/]"
            : Icon(row.Status);
        var tools = row.ToolCalls > 0 ? $" · {Count(row.ToolCalls, "tool call")}" : "";
        var stats = row.Status is AgentStepStatus.Pending or AgentStepStatus.Skipped or AgentStepStatus.WaitingForApproval or AgentStepStatus.Rejected ? "" : $"  [grey]{Count(row.OutputTokens, "output token")}{tools} · {Seconds(row.Elapsed)}[/]";
        return new Markup($"{icon} [bold]{Markup.Escape(row.Name)}[/]  {StatusMarkup(row)}{stats}");
    }

    private static string Icon(AgentStepStatus status) => status switch
    {
        AgentStepStatus.Completed => "[green]✔[/]",
        AgentStepStatus.Failed => "[red]✖[/]",
        AgentStepStatus.Cancelled or AgentStepStatus.Skipped or AgentStepStatus.Rejected => "[grey]-[/]",
        AgentStepStatus.WaitingForApproval => "[magenta]?[/]",
        _ => "[grey]○[/]",
    };

    private static string StatusMarkup(AgentRowView row)
    {
        var color = row.Status switch
        {
            AgentStepStatus.Running => "yellow",
            AgentStepStatus.Completed when row.FinishReason == "length" => "yellow",
            AgentStepStatus.Completed => "green",
            AgentStepStatus.Failed => "red",
            AgentStepStatus.WaitingForApproval => "magenta",
            AgentStepStatus.Rejected => "yellow",
            _ => "grey",
        };
        return $"[{color}]{Markup.Escape(row.StatusWord)}[/]";
    }

    private static string Footer(AgentRowView[] rows, TimeSpan elapsed)
    {
        int done = rows.Count(r => r.Status is not (AgentStepStatus.Pending or AgentStepStatus.Running or AgentStepStatus.WaitingForApproval));
        long tokens = rows.Sum(r => r.OutputTokens);
        return $"{done}/{Count(rows.Length, "agent")} done · {Count(tokens, "output token")} · {Seconds(elapsed)}";
    }
}
