using System.Text.Json.Serialization;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>The kinds of layer gene; the allowed subset is configured in <see cref="LayerListSpaceOptions"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerKind>))]
public enum LayerKind
{
    [JsonStringEnumMemberName("conv")] Convolution,
    [JsonStringEnumMemberName("inception")] Inception,
    [JsonStringEnumMemberName("pool")] Pooling,
    [JsonStringEnumMemberName("dropout")] Dropout,
    [JsonStringEnumMemberName("global-avg-pool")] GlobalAveragePooling,
    [JsonStringEnumMemberName("dense")] Dense,
}
