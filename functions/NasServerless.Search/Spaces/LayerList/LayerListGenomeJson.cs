using System.Text.Json;
using System.Text.Json.Serialization;

namespace NasServerless.Search.Spaces.LayerList;

/// <summary>
/// Canonical JSON of a layer-list genome (camelCase, declaration order, no whitespace, shortest
/// round-trip numbers) and its content hash: the same architecture gets the same id on every machine.
/// </summary>
public static class LayerListGenomeJson
{
    private static readonly JsonSerializerOptions Canonical = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        AllowOutOfOrderMetadataProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private static readonly JsonSerializerOptions Indented = new(Canonical) { WriteIndented = true };

    public static string ToCanonicalJson(LayerListGenome genome) => JsonSerializer.Serialize(genome, Canonical);

    public static string ToIndentedJson(LayerListGenome genome) => JsonSerializer.Serialize(genome, Indented);

    /// <summary>Parses any JSON form (order and whitespace free); throws <see cref="FormatException"/> saying where it is wrong.</summary>
    public static LayerListGenome Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<LayerListGenome>(json, Canonical)
                   ?? throw new FormatException("Genome JSON is null.");
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at {e.Path}";
            throw new FormatException($"Genome JSON is invalid{where}: {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            throw new FormatException($"Genome JSON is invalid: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 of the canonical JSON, first 16 bytes as lowercase hex.</summary>
    public static string Hash(LayerListGenome genome) => ContentHash.Of(ToCanonicalJson(genome));
}
