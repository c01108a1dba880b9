using System.Security.Cryptography;
using System.Text;

namespace NasServerless.Search.Spaces;

/// <summary>Stable content id of a canonical text: SHA-256, first 16 bytes, lowercase hex.</summary>
public static class ContentHash
{
    public static string Of(string canonicalText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalText)).AsSpan(0, 16));
}
