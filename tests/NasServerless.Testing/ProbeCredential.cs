using System.Collections.Concurrent;
using Azure.Core;

namespace NasServerless.Testing;

/// <summary>
/// A token credential that records each token request and then fails it with <see cref="TokenRequested"/>. A client
/// built on it asks for a token before it sends anything, so a test learns that the client uses this credential, and
/// with which scopes, while the request never leaves the process (there is no network here but loopback, and Azure's
/// endpoints are https where the SDK refuses bearer tokens over http).
/// </summary>
public sealed class ProbeCredential : TokenCredential
{
    /// <summary>The scope of Azure Storage's data plane, which blob, queue and table clients ask for.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly ConcurrentQueue<string[]> _requests = new();

    /// <summary>The scopes of each token request, in order.</summary>
    public IReadOnlyList<string[]> Requests => [.. _requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext.Scopes);
        throw new TokenRequested(requestContext.Scopes);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    /// <summary>Thrown instead of a token; no SDK retry policy retries it.</summary>
    public sealed class TokenRequested(string[] scopes) : Exception($"token requested for {string.Join(" ", scopes)}");
}
