using System.Text.Json.Serialization;

namespace NasServerless.Search.Evaluation;

/// <summary>The model-size objective minimised next to accuracy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SizeObjective>))]
public enum SizeObjective
{
    [JsonStringEnumMemberName("parameters")] Parameters,
    [JsonStringEnumMemberName("flops")] Flops,
}
