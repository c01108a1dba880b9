using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasServerless.Orchestration.Api;

/// <summary>JSON of the HTTP API: camelCase, enums as strings, unknown request members rejected.</summary>
public static class SearchApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
