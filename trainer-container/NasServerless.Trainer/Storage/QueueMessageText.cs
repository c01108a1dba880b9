using System.Text;

namespace NasServerless.Trainer.Storage;

/// <summary>Reads a queue message's JSON whether it was written as is or Base64-encoded, and writes it in a chosen form.</summary>
public static class QueueMessageText
{
    public static string Encode(string json, QueueMessageTextEncoding encoding) => encoding switch
    {
        QueueMessageTextEncoding.None => json,
        QueueMessageTextEncoding.Base64 => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown message encoding"),
    };

    /// <summary>The JSON text of a message: as is when it looks like JSON, else Base64-decoded when that yields JSON, else as is (for the parser to reject).</summary>
    public static string Decode(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || trimmed[0] is '{' or '[') return text;
        var buffer = new byte[trimmed.Length];
        if (Convert.TryFromBase64Chars(trimmed, buffer, out var written))
        {
            try
            {
                var decoded = new UTF8Encoding(false, true).GetString(buffer, 0, written);
                if (decoded.AsSpan().TrimStart() is [ '{', .. ]) return decoded;
            }
            catch (DecoderFallbackException)
            {
                // Not UTF-8: leave it for the parser to reject.
            }
        }
        return text;
    }
}
