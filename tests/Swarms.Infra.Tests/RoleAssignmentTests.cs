using System.Text.RegularExpressions;

namespace Swarms.Infra.Tests;

/// <summary>
/// The identity holds exactly the data-plane roles the app needs, each on its resource. The GUIDs are Azure's
/// built-in role definition ids (the same in every tenant; Azure built-in roles reference), written here
/// independently of roles.bicep so a wrong id there fails.
/// </summary>
[Collection(CompiledInfra.Name)]
public partial class RoleAssignmentTests(InfraFixture infra)
{
    private const string IdentityPrincipal =
        "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))).principalId]";

    private static readonly (string Role, string Guid, string ScopeType)[] Expected =
    [
        ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        ("SignalR App Server", "420fcaa2-552c-430f-98ca-3264be4806c7", "Microsoft.SignalRService/signalR"),
        ("SignalR REST API Owner", "fd53cd77-2268-407a-8f46-7e7863d0f521", "Microsoft.SignalRService/signalR"),
        ("Cognitive Services OpenAI User", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "Microsoft.CognitiveServices/accounts"),
        ("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
    ];

    [Fact]
    public void Identity_HoldsExactlyTheRolesTheAppNeeds_EachOnItsResource()
    {
        var granted = infra.OfType("Microsoft.Authorization/roleAssignments")
            .Where(IsForTheIdentity)
            .Select(a => Describe(RoleGuid(a), ScopeType(a), (string?)a.Properties!["principalType"]))
            .ToList();
        var expected = Expected.Select(e => Describe(e.Guid, e.ScopeType, "ServicePrincipal")).ToList();

        var missing = expected.Except(granted).ToList();
        var extra = granted.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing: [{string.Join("; ", missing)}]\nnot expected: [{string.Join("; ", extra)}]");
    }

    [Fact]
    public void RoleAssignments_GoToTheIdentityTheFunctionAppRunsAs()
    {
        var roles = infra.SourceModuleOutput(infra.Module("roles"), "identityName");
        var functionApp = infra.SourceModuleOutput(infra.Module("functionapp"), "identityName");

        Assert.Equal(("identity", "name"), (roles?.Module, roles?.Output));
        Assert.Equal(roles, functionApp);
    }

    [Fact]
    public void Developer_MayOnlyCallTheModel_AndOnlyWhenAPrincipalIsGiven()
    {
        var developer = Assert.Single(infra.OfType("Microsoft.Authorization/roleAssignments"), a => !IsForTheIdentity(a));

        Assert.Equal("principalId", developer.Template.RootParameter(developer.Properties!["principalId"]));
        Assert.Equal("[not(empty(parameters('developerPrincipalId')))]", (string?)developer.Json["condition"]);
        Assert.Equal("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", RoleGuid(developer));
        Assert.Equal("Microsoft.CognitiveServices/accounts", ScopeType(developer));
    }

    private static bool IsForTheIdentity(ArmResource assignment) =>
        ArmTemplate.WithoutApiVersions((string?)assignment.Properties!["principalId"] ?? "") == IdentityPrincipal;

    private static string Describe(string guid, string scopeType, string? principalType) =>
        $"{Expected.FirstOrDefault(e => e.Guid == guid).Role ?? "an unexpected role"} ({guid}) on {scopeType} as {principalType}";

    private static string RoleGuid(ArmResource assignment)
    {
        var expression = assignment.Template.InlineVariableMembers((string?)assignment.Properties!["roleDefinitionId"] ?? "");
        var match = RoleDefinition().Match(expression);
        Assert.True(match.Success, $"roleDefinitionId is not a built-in role id: {expression}");
        return match.Groups[1].Value;
    }

    private static string ScopeType(ArmResource assignment)
    {
        var scope = (string?)assignment.Json["scope"] ?? "";
        var match = ScopeResource().Match(scope);
        Assert.True(match.Success, $"role assignment scope is not one resource: {scope}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'\)\]$")]
    private static partial Regex RoleDefinition();

    [GeneratedRegex(@"^\[resourceId\('([^']+)', parameters\('[^']+'\)\)\]$")]
    private static partial Regex ScopeResource();
}
