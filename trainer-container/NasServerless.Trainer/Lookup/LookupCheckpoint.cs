using System.Text.Json;

namespace NasServerless.Trainer.Lookup;

/// <summary>Progress of a simulated lookup "training": steps done out of the total, for one architecture.</summary>
internal sealed record LookupCheckpoint(string Architecture, int Step, int Steps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static LookupCheckpoint? TryParse(byte[] payload)
    {
        try
        {
            return JsonSerializer.Deserialize<LookupCheckpoint>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
