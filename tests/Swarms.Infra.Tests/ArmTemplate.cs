using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Swarms.Infra.Tests;

/// <summary>
/// One template of the compiled ARM JSON: the root (main.bicep) or a module's nested deployment, with the values its
/// parent passes it. <see cref="Resolve"/> follows the plain references Bicep emits when a value is handed down
/// (<c>[parameters('x')]</c> to the module's argument in the parent, or the parameter's default at the root;
/// <c>[variables('x')]</c> to the variable), so a test can read the literal a setting ends up with.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject template, string name, JsonObject? arguments, ArmTemplate? parent)
    {
        Json = template;
        Name = name;
        Arguments = arguments;
        Parent = parent;
    }

    public JsonObject Json { get; }

    /// <summary><c>main</c>, or the module's deployment name (<c>storage</c>, <c>functionapp</c> ...).</summary>
    public string Name { get; }

    public JsonObject? Arguments { get; }

    public ArmTemplate? Parent { get; }

    public JsonObject Outputs => Json["outputs"] as JsonObject ?? [];

    public static ArmTemplate Root(JsonObject template) => new(template, "main", null, null);

    /// <summary>This template's own resources: an array, or an object keyed by symbolic name (languageVersion 2.0).</summary>
    public IEnumerable<JsonObject> OwnResources() => Json["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The templates of the modules this one deploys.</summary>
    public IEnumerable<ArmTemplate> Modules() =>
        OwnResources()
            .Where(r => (string?)r["type"] == "Microsoft.Resources/deployments" && r["properties"]?["template"] is JsonObject)
            .Select(r => new ArmTemplate(
                (JsonObject)r["properties"]!["template"]!,
                (string?)r["name"] ?? "?",
                r["properties"]!["parameters"] as JsonObject,
                this));

    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return value;
        }

        if (ParameterReference().Match(text) is { Success: true } p)
        {
            var name = p.Groups[1].Value;
            if (Arguments?[name] is JsonObject argument)
            {
                return Parent!.Resolve(argument["value"]);
            }

            return Json["parameters"]?[name]?["defaultValue"] is { } defaultValue ? Resolve(defaultValue) : value;
        }

        if (VariableReference().Match(text) is { Success: true } m && Json["variables"]?[m.Groups[1].Value] is { } variable)
        {
            return Resolve(variable);
        }

        return value;
    }

    /// <summary>
    /// The parameter of main.bicep a value comes from when it is handed down unchanged through modules
    /// (<c>[parameters('x')]</c> all the way up), or null when it is computed or literal somewhere on the way.
    /// </summary>
    public string? RootParameter(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || ParameterReference().Match(text) is not { Success: true } p)
        {
            return null;
        }

        var name = p.Groups[1].Value;
        if (Parent is null)
        {
            return name;
        }

        return Arguments?[name] is JsonObject argument ? Parent.RootParameter(argument["value"]) : null;
    }

    /// <summary>The resolved value as a string (expressions stay as written).</summary>
    public string? ResolveString(JsonNode? value) => Resolve(value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();

    /// <summary>An expression with each <c>variables('x').y</c> replaced by that member's literal, quoted.</summary>
    public string InlineVariableMembers(string expression) =>
        VariableMember().Replace(expression, m =>
            Json["variables"]?[m.Groups[1].Value]?[m.Groups[2].Value] is JsonValue member && member.TryGetValue<string>(out var s)
                ? $"'{s}'"
                : m.Value);

    /// <summary>
    /// The module output an expression reads, as Bicep compiles <c>someModule.outputs.x</c>:
    /// <c>[reference(...'Microsoft.Resources/deployments', 'storage'), '...').outputs.name.value]</c> gives (storage, name).
    /// </summary>
    public static (string Module, string Output)? ModuleOutput(string? expression) =>
        expression is not null && ModuleOutputReference().Match(expression) is { Success: true } m
            ? (m.Groups[1].Value, m.Groups[2].Value)
            : null;

    /// <summary>
    /// An expression with the API versions of its <c>reference(..., '2024-11-01')</c> calls removed, so a test states
    /// what is referenced without pinning the API version the module happens to use.
    /// </summary>
    public static string WithoutApiVersions(string expression) => ApiVersionArgument().Replace(expression, ")");

    /// <summary>A resource name's last segment: <c>a/b/swarm-tasks</c>, or the last literal of <c>[format(..., 'swarm-tasks')]</c>.</summary>
    public static string LastNameSegment(string name)
    {
        if (name.StartsWith('['))
        {
            var literal = LastLiteral().Match(name);
            return literal.Success ? literal.Groups[1].Value : name;
        }

        return name.Split('/')[^1];
    }

    /// <summary>The parameter a child resource's last name segment comes from: <c>[format('{0}/{1}', ..., parameters('x'))]</c> gives <c>[parameters('x')]</c>.</summary>
    public static string LastNameSegmentExpression(string name)
    {
        var last = LastParameterArgument().Match(name);
        return last.Success ? $"[{last.Groups[1].Value}]" : name;
    }

    [GeneratedRegex(@", (parameters\('[^']+'\))\)\]$")]
    private static partial Regex LastParameterArgument();

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[variables\('([^']+)'\)\]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"variables\('([^']+)'\)\.(\w+)")]
    private static partial Regex VariableMember();

    [GeneratedRegex(@"^\[reference\(.*'Microsoft\.Resources/deployments', '([^']+)'\), '[^']+'\)\.outputs\.(\w+)\.value\]$")]
    private static partial Regex ModuleOutputReference();

    [GeneratedRegex(@", '\d{4}-\d{2}-\d{2}(-preview)?'\)")]
    private static partial Regex ApiVersionArgument();

    [GeneratedRegex(@"'([^']*)'\)\]$")]
    private static partial Regex LastLiteral();
}
