using System.Text.Json;
using NasServerless.Orchestration.Api;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;

namespace NasServerless.Cli.Tests.Support;

/// <summary>API answers built from the API's own records, and their JSON as nas-cli reads it.</summary>
public static class Searches
{
    public const string Id = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a";

    /// <summary>Two front members whose ids share the prefix "3f2", and one more.</summary>
    public static readonly FrontMember First = new("3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4",
        """{"layers":[{"type":"conv","filters":16,"kernel":3,"stride":1,"activation":"relu","batchNorm":true}],"training":{"learningRate":0.05,"optimizer":"sgd-momentum"}}""",
        0.9321, 0.9187, 1_234_567, 98_765_432, $"searches/{Id}/weights/3f2a9c0d5e7b41a8b6c2d9e0f1a2b3c4.pt");

    public static readonly FrontMember Second = new("3f2b11e0c4d5a6b7c8d9e0f1a2b3c4d5",
        """{"layers":[{"type":"pool","kind":"max","size":2}],"training":{"learningRate":0.01,"optimizer":"adam"}}""",
        0.8, null, 5_000, 120_000, null);

    public static readonly FrontMember Third = new("9b1e7d2c3a4f5e6d7c8b9a0f1e2d3c4b",
        """{"layers":[{"type":"dense","units":10}],"training":{"learningRate":0.1,"optimizer":"adamw"}}""",
        0.5, 0.49, 800, 1_600, null);

    public static SearchFront Front(string id = Id, params FrontMember[] members) => new(id, 3, 40, 1, members.Length == 0 ? [First, Second, Third] : members);

    public static SearchFront EmptyFront(string id = Id) => new(id, -1, 0, 0, []);

    public static SearchStatus Status(SearchRuntimeStatus status, string id = Id, double? secondsLeft = null, string? failure = null) =>
        new(id, "cli test", status, 2, 5, new CandidateCounts(10, 4, 1), 0.9321, 3,
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2025, 1, 2, 3, 9, 5, TimeSpan.Zero), secondsLeft, failure);

    public static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, SearchApiJson.Options);
}
