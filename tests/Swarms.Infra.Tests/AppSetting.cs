using System.Text.Json;

namespace Swarms.Infra.Tests;

/// <summary>One entry of infra/app-settings.json: an app setting the template sets and the app reads.</summary>
internal sealed record AppSetting(string Name, string Meaning)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<AppSetting> ReadContract()
    {
        var json = File.ReadAllText(Repository.PathOf("infra", "app-settings.json"));
        return JsonSerializer.Deserialize<List<AppSetting>>(json, Options)
            ?? throw new InvalidDataException("infra/app-settings.json is empty");
    }
}
