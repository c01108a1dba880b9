using NasServerless.Orchestration.Messages;

namespace NasServerless.Orchestration.Clients;

/// <summary>
/// What the API and the results consumer need from the durable runtime. Two adapters: one over the
/// Durable Task SDK's <c>DurableTaskClient</c> (Functions app, in-memory test host) and one over the
/// DTFx task hub client of the standalone host, so the shim stays swappable behind it.
/// </summary>
public interface ISearchOrchestrationClient
{
    Task StartSearchAsync(SearchOrchestratorInput input, CancellationToken cancellationToken);

    Task<SearchInstance?> GetSearchAsync(string searchId, CancellationToken cancellationToken);

    /// <summary>Searches only (not their sub-orchestrations), newest first within a page.</summary>
    Task<SearchPage> ListSearchesAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Searches pending or running now, for the concurrent-search limit.</summary>
    Task<int> CountActiveSearchesAsync(CancellationToken cancellationToken);

    Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken);

    /// <summary>Terminates the search and every running sub-orchestration of it (a terminated parent leaves them running).</summary>
    Task TerminateSearchAsync(string searchId, string reason, CancellationToken cancellationToken);
}

public sealed record SearchInstance(string SearchId, SearchRuntimeStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, SearchProgress? Progress, string? Failure);

public sealed record SearchPage(IReadOnlyList<SearchInstance> Searches, string? ContinuationToken);

public enum SearchRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}
