using System.Text.Json;
using Swarms.Agents.Workflows.Definitions;
using Swarms.Api.Contracts;
using Swarms.Api.Validation;

namespace Swarms.Api.Runs;

/// <summary>Reads and checks the bodies that start runs: each problem names its field as a JSON path.</summary>
internal static class RunRequests
{
    public static StartSwarmRunRequest ReadSwarmRun(JsonElement root)
    {
        JsonFields.Object(root, "$");
        JsonFields.OnlyKnown(root, "$", "task", "runId");
        var task = JsonFields.RequiredString(root, "task", "$", StartSwarmRunRequest.MaxTaskLength);
        return new StartSwarmRunRequest(task, RunId(root));
    }

    public static StartInlineRunRequest ReadInlineRun(JsonElement root)
    {
        JsonFields.Object(root, "$");
        JsonFields.OnlyKnown(root, "$", "definition", "task", "runId");
        var element = JsonFields.Required(root, "definition", "$");
        JsonFields.Object(element, "$.definition");
        SwarmDefinition definition;
        try
        {
            definition = SwarmDefinitionLoader.Parse(element.GetRawText(), "request");
        }
        catch (SwarmDefinitionException ex)
        {
            // The loader names fields from the definition's root ($.agents[1].name): root them at $.definition.
            throw ApiProblemException.BadRequest("$.definition" + ex.JsonPath[1..], ex.Problem);
        }

        var task = JsonFields.RequiredString(root, "task", "$", StartSwarmRunRequest.MaxTaskLength);
        return new StartInlineRunRequest(definition, task, RunId(root));
    }

    /// <summary>Reads a queue message's text.</summary>
    public static SwarmTaskMessage ReadQueueMessage(string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "";
            throw ApiProblemException.BadRequest("message", $"is not valid JSON{where}: {SwarmDefinitionLoader.DescribeJsonError(ex.Message)}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            JsonFields.Object(root, "$");
            JsonFields.OnlyKnown(root, "$", "swarm", "task", "runId");
            var swarm = JsonFields.RequiredString(root, "swarm", "$", SwarmNames.MaxLength * 2);
            var task = JsonFields.RequiredString(root, "task", "$", StartSwarmRunRequest.MaxTaskLength);
            return new SwarmTaskMessage(swarm, task, RunId(root));
        }
    }

    private static string? RunId(JsonElement root)
    {
        var runId = JsonFields.OptionalString(root, "runId", "$", RunIds.MaxLength * 2);
        return runId is null ? null : RunIds.Check(runId, "$.runId");
    }
}
