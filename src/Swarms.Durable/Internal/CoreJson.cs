using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DurableTask.Core.Serializing;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Swarms.Durable.Internal;

/// <summary>
/// DurableTask.Core's own JSON form: the settings of <see cref="JsonDataConverter.Default"/> (Newtonsoft.Json with
/// type names, no date parsing, the package-upgrade binder), used for every stored history event, task message and
/// orchestration state, so every event type and field, tags and sub-orchestration events included, round-trips as
/// DurableTask.Core wrote it. One addition: a history event type with several constructors and none parameterless
/// (<c>ExecutionRewoundEvent</c>) is created uninitialized and filled from its members, which
/// <see cref="JsonDataConverter.Default"/> cannot read back at all.
/// </summary>
internal static class CoreJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.Objects,
        DateParseHandling = DateParseHandling.None,
        SerializationBinder = new PackageUpgradeSerializationBinder(),
        ContractResolver = new Resolver(),
    });

    public static string Serialize(object value)
    {
        var text = new StringBuilder(256);
        using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
        Serializer.Serialize(writer, value);
        return text.ToString();
    }

    public static T Deserialize<T>(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        return Serializer.Deserialize<T>(reader)!;
    }

    private sealed class Resolver : DefaultContractResolver
    {
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (contract.DefaultCreator is null && contract.OverrideCreator is null && contract.CreatorParameters.Count == 0
                && objectType.Namespace?.StartsWith("DurableTask.Core", StringComparison.Ordinal) == true && !objectType.IsAbstract)
            {
                contract.DefaultCreator = () => RuntimeHelpers.GetUninitializedObject(objectType);
            }

            return contract;
        }
    }
}
