using System.Text.Json.Nodes;

namespace Swarms.Infra.Tests;

/// <summary>A resource of the compiled template and the template (root or module) that declares it.</summary>
internal sealed record ArmResource(JsonObject Json, ArmTemplate Template)
{
    public string Type => (string?)Json["type"] ?? "";

    public string Name => (string?)Json["name"] ?? "";

    public JsonNode? Properties => Json["properties"];

    /// <summary>A property resolved through module arguments and variables (see <see cref="ArmTemplate.Resolve"/>).</summary>
    public string? Resolved(JsonNode? value) => Template.ResolveString(value);
}
