using System.Collections.Concurrent;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Messages;

namespace NasServerless.Orchestration.Tests.Support;

/// <summary>An <see cref="ISearchOrchestrationClient"/> without a durable runtime: records what the API asks of it.</summary>
public sealed class FakeSearchOrchestrationClient : ISearchOrchestrationClient
{
    private readonly ConcurrentDictionary<string, SearchInstance> _searches = new(StringComparer.Ordinal);

    public ConcurrentQueue<SearchOrchestratorInput> Started { get; } = new();

    public ConcurrentQueue<string> Terminated { get; } = new();

    /// <summary>What <see cref="CountActiveSearchesAsync"/> answers.</summary>
    public int ActiveSearches { get; set; }

    public void Add(string searchId, SearchRuntimeStatus status = SearchRuntimeStatus.Running) =>
        _searches[searchId] = new SearchInstance(searchId, status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null);

    public Task StartSearchAsync(SearchOrchestratorInput input, CancellationToken cancellationToken)
    {
        Started.Enqueue(input);
        Add(input.SearchId, SearchRuntimeStatus.Pending);
        return Task.CompletedTask;
    }

    public Task<SearchInstance?> GetSearchAsync(string searchId, CancellationToken cancellationToken) =>
        Task.FromResult(_searches.TryGetValue(searchId, out var search) ? search : null);

    /// <summary>Pages in id order; the continuation token is the index of the next search.</summary>
    public Task<SearchPage> ListSearchesAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var all = _searches.Values.OrderBy(s => s.SearchId, StringComparer.Ordinal).ToList();
        var start = continuationToken is null ? 0 : int.Parse(continuationToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = all.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count < all.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new SearchPage(page, next));
    }

    public Task<int> CountActiveSearchesAsync(CancellationToken cancellationToken) => Task.FromResult(ActiveSearches);

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TerminateSearchAsync(string searchId, string reason, CancellationToken cancellationToken)
    {
        Terminated.Enqueue(searchId);
        Add(searchId, SearchRuntimeStatus.Terminated);
        return Task.CompletedTask;
    }
}
