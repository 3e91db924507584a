using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;

namespace Swarms.Api.Configuration;

/// <summary>
/// The parts of an Azure Functions <c>host.json</c> the app reads outside the Functions host: the durable task hub
/// and storage provider settings, the queue trigger settings, the HTTP route prefix and the log levels. One file
/// configures both hosts. A value of the wrong type fails with the file, the field and the problem.
/// </summary>
public sealed record HostJson
{
    /// <summary>The file name.</summary>
    public const string FileName = "host.json";

    /// <summary>The file it was read from (null: defaults, no file).</summary>
    public string? Path { get; init; }

    /// <summary><c>extensions.durableTask</c>.</summary>
    public DurableSettings Durable { get; init; } = new();

    /// <summary><c>extensions.queues</c>.</summary>
    public QueueSettings Queues { get; init; } = new();

    /// <summary><c>extensions.http.routePrefix</c> (the Functions default is <c>api</c>; this app sets "").</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary><c>logging.logLevel</c>: category (<c>default</c> for all) to level.</summary>
    public IReadOnlyDictionary<string, string> LogLevels { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads <paramref name="path"/>; a missing file gives the defaults.</summary>
    /// <exception cref="FormatException">The file is not JSON or a field has the wrong type; the message names both.</exception>
    public static HostJson Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return new HostJson();
        }

        var full = System.IO.Path.GetFullPath(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(full), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Read(doc.RootElement, full);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{full}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
    }

    private static HostJson Read(JsonElement root, string file)
    {
        var durable = new DurableSettings();
        var queues = new QueueSettings();
        string routePrefix = "api";
        var levels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Child(root, "extensions") is { } extensions)
        {
            if (Child(extensions, "durableTask") is { } dt)
            {
                const string p = "$.extensions.durableTask";
                var sp = Child(dt, "storageProvider");
                durable = new DurableSettings
                {
                    HubName = String(dt, "hubName", p, file) ?? durable.HubName,
                    MaxConcurrentActivityFunctions = Int(dt, "maxConcurrentActivityFunctions", p, file),
                    MaxConcurrentOrchestratorFunctions = Int(dt, "maxConcurrentOrchestratorFunctions", p, file),
                    ExtendedSessionsEnabled = Bool(dt, "extendedSessionsEnabled", p, file),
                    PartitionCount = sp is { } s1 ? Int(s1, "partitionCount", p + ".storageProvider", file) : null,
                    ControlQueueVisibilityTimeout = sp is { } s2 ? Time(s2, "controlQueueVisibilityTimeout", p + ".storageProvider", file) : null,
                    WorkItemQueueVisibilityTimeout = sp is { } s3 ? Time(s3, "workItemQueueVisibilityTimeout", p + ".storageProvider", file) : null,
                    MaxQueuePollingInterval = sp is { } s4 ? Time(s4, "maxQueuePollingInterval", p + ".storageProvider", file) : null,
                    UseTablePartitionManagement = sp is { } s5 ? Bool(s5, "useTablePartitionManagement", p + ".storageProvider", file) : null,
                };
            }

            if (Child(extensions, "queues") is { } q)
            {
                const string p = "$.extensions.queues";
                var encoding = String(q, "messageEncoding", p, file);
                queues = new QueueSettings
                {
                    BatchSize = Int(q, "batchSize", p, file) is { } b ? Range(b, 1, 32, p + ".batchSize", file) : queues.BatchSize,
                    NewBatchThreshold = Int(q, "newBatchThreshold", p, file),
                    MaxPollingInterval = Time(q, "maxPollingInterval", p, file) is { } mp ? Max(mp, TimeSpan.FromMilliseconds(100)) : queues.MaxPollingInterval,
                    VisibilityTimeout = Time(q, "visibilityTimeout", p, file) ?? queues.VisibilityTimeout,
                    MaxDequeueCount = Int(q, "maxDequeueCount", p, file) is { } m ? Range(m, 1, 1000, p + ".maxDequeueCount", file) : queues.MaxDequeueCount,
                    MessageEncoding = encoding switch
                    {
                        null => queues.MessageEncoding,
                        _ when encoding.Equals("base64", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.Base64,
                        _ when encoding.Equals("none", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.None,
                        _ => throw new FormatException($"{file}: {p}.messageEncoding: must be \"base64\" or \"none\""),
                    },
                };
            }

            if (Child(extensions, "http") is { } http)
            {
                routePrefix = String(http, "routePrefix", "$.extensions.http", file) ?? routePrefix;
            }
        }

        if (Child(root, "logging") is { } logging && Child(logging, "logLevel") is { } logLevel)
        {
            foreach (var property in logLevel.EnumerateObject())
            {
                levels[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new FormatException($"{file}: $.logging.logLevel.{property.Name}: must be a level name such as \"Information\"");
            }
        }

        return new HostJson { Path = file, Durable = durable, Queues = queues, RoutePrefix = routePrefix, LogLevels = levels };
    }

    private static JsonElement? Child(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement obj, string name, string path, string file) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new FormatException($"{file}: {path}.{name}: must be a string");

    private static int? Int(JsonElement obj, string name, string path, string file) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
        : throw new FormatException($"{file}: {path}.{name}: must be a whole number");

    private static bool? Bool(JsonElement obj, string name, string path, string file) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw new FormatException($"{file}: {path}.{name}: must be true or false");

    private static TimeSpan? Time(JsonElement obj, string name, string path, string file)
    {
        var text = String(obj, name, path, file);
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) && time >= TimeSpan.Zero
            ? time
            : throw new FormatException($"{file}: {path}.{name}: must be a time span such as \"00:00:30\"");
    }

    private static int Range(int value, int min, int max, string field, string file) =>
        value >= min && value <= max ? value : throw new FormatException($"{file}: {field}: must be between {min} and {max}");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
