using System.Text.Json.Serialization;

namespace NasServerless.Search.Spaces.LayerList;

[JsonConverter(typeof(JsonStringEnumConverter<PoolingKind>))]
public enum PoolingKind
{
    [JsonStringEnumMemberName("max")] Max,
    [JsonStringEnumMemberName("avg")] Average,
}
