using System.Collections.Concurrent;
using NasServerless.Orchestration.Definitions;
using NasServerless.Orchestration.Engine;

namespace NasServerless.Orchestration.State;

/// <summary>A search's definition and engine, read once per process: definitions never change after submission.</summary>
public sealed class SearchContextCache(SearchStore store)
{
    private readonly ConcurrentDictionary<string, Task<SearchContext>> _contexts = new(StringComparer.Ordinal);

    public Task<SearchContext> GetAsync(string searchId)
    {
        var task = _contexts.GetOrAdd(searchId, LoadAsync);
        if (task.IsFaulted) _contexts.TryRemove(searchId, out _);
        return task;
    }

    private async Task<SearchContext> LoadAsync(string searchId)
    {
        var definition = await store.GetDefinitionAsync(searchId) ?? throw new InvalidOperationException($"search '{searchId}' has no definition blob");
        return new SearchContext(searchId, definition, SearchEngineFactory.Create(definition));
    }
}

public sealed record SearchContext(string SearchId, SearchDefinition Definition, ISearchEngine Engine);
