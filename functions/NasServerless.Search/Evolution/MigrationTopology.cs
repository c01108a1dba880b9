using System.Text.Json.Serialization;

namespace NasServerless.Search.Evolution;

/// <summary>Where an island's emigrants go.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MigrationTopology>))]
public enum MigrationTopology
{
    /// <summary>Island i sends to island (i + 1) mod k.</summary>
    [JsonStringEnumMemberName("ring")] Ring,
    /// <summary>Every island sends to every other island.</summary>
    [JsonStringEnumMemberName("fully-connected")] FullyConnected,
}
