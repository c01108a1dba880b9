using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Api;

// The HTTP API's response bodies, identical in the Functions app and the standalone host.

/// <summary>202 body, shaped like Durable Functions' check-status response, with this API's own links.</summary>
public sealed record SearchAccepted(string Id, string StatusQueryGetUri, string FrontGetUri, string TerminateDeleteUri);

public sealed record CandidateCounts(int Trained, int Queued, int Failed);

public sealed record SearchStatus(
    string Id,
    string? Name,
    SearchRuntimeStatus Status,
    int Generation,
    int Generations,
    CandidateCounts Candidates,
    double BestAccuracy,
    int FrontSize,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    double? EstimatedSecondsLeft,
    string? Failure);

public sealed record SearchList(IReadOnlyList<SearchStatus> Searches, string? ContinuationToken);

public sealed record SearchFront(string Id, int Generation, int Evaluations, int Failed, IReadOnlyList<FrontMember> Members);
