using System.Text.Json.Serialization;

namespace NasServerless.Search.Spaces.LayerList;

[JsonConverter(typeof(JsonStringEnumConverter<Activation>))]
public enum Activation
{
    [JsonStringEnumMemberName("relu")] Relu,
    [JsonStringEnumMemberName("elu")] Elu,
    [JsonStringEnumMemberName("leaky-relu")] LeakyRelu,
    [JsonStringEnumMemberName("gelu")] Gelu,
}
