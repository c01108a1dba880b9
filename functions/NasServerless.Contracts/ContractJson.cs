using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasServerless.Contracts;

/// <summary>The one JSON form of every message and result blob (camelCase, unknown members rejected).</summary>
public static class ContractJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses a message; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static T Deserialize<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new FormatException($"{typeof(T).Name} JSON is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{typeof(T).Name} JSON is invalid{(e.Path is null ? "" : $" at {e.Path}")}: {e.Message}", e);
        }
    }
}
