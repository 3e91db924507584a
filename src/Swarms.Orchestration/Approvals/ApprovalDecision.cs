using System.Text.Json;
using System.Text.Json.Serialization;

namespace Swarms.Orchestration.Approvals;

/// <summary>
/// A person's decision on an agent that waits for approval: the payload of its external event
/// (<see cref="SwarmApprovals.EventName"/>).
/// </summary>
/// <param name="Approved">True: the agent runs. False: it is skipped (status rejected).</param>
/// <param name="Feedback">Why, in the person's words: recorded with a rejection (and an approval).</param>
/// <remarks>
/// Read leniently, since people raise it by hand through the Durable HTTP API too: <c>{"approved": false, "feedback": "..."}</c>
/// in any letter case, a bare <c>true</c> / <c>false</c>, or no payload at all (which approves).
/// </remarks>
[JsonConverter(typeof(ApprovalDecisionJsonConverter))]
public sealed record ApprovalDecision(bool Approved, string? Feedback = null)
{
    /// <summary>Approve.</summary>
    public static ApprovalDecision Approve(string? feedback = null) => new(true, feedback);

    /// <summary>Reject, with why.</summary>
    public static ApprovalDecision Reject(string? feedback) => new(false, feedback);
}

/// <summary>Writes <c>{"approved":..,"feedback":..}</c>; reads that in any letter case, or a bare boolean.</summary>
internal sealed class ApprovalDecisionJsonConverter : JsonConverter<ApprovalDecision>
{
    public override ApprovalDecision Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return ApprovalDecision.Approve();
            case JsonTokenType.False:
                return ApprovalDecision.Reject(null);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("An approval decision is {\"approved\": true|false, \"feedback\": \"...\"} or true / false.");
        }

        bool? approved = null;
        string? feedback = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "approved", StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                approved = reader.GetBoolean();
            }
            else if (string.Equals(name, "feedback", StringComparison.OrdinalIgnoreCase) && reader.TokenType is JsonTokenType.String or JsonTokenType.Null)
            {
                feedback = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new ApprovalDecision(approved ?? throw new JsonException("An approval decision needs \"approved\": true or false."), feedback);
    }

    public override void Write(Utf8JsonWriter writer, ApprovalDecision value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("approved", value.Approved);
        if (value.Feedback is null)
        {
            writer.WriteNull("feedback");
        }
        else
        {
            writer.WriteString("feedback", value.Feedback);
        }

        writer.WriteEndObject();
    }
}
