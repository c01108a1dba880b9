using DurableTask.AzureStorage.Tracking;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using NasServerless.Orchestration.Clients;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;

namespace NasServerless.Host.Durable;

/// <summary>
/// <see cref="ISearchOrchestrationClient"/> over the DTFx task hub client. It serialises with the shim's
/// own converter (System.Text.Json, PascalCase): a Newtonsoft client's "$type" would fail orchestrations
/// and a camelCase one would silently yield default values.
/// </summary>
public sealed class TaskHubClientAdapter(TaskHubService hub, ILoggerFactory loggers) : ISearchOrchestrationClient
{
    private static readonly JsonDataConverter Converter = JsonDataConverter.Default;
    private readonly Lazy<TaskHubClient> _client = new(() => new TaskHubClient(hub.Service, new ShimDataConverter(Converter), loggers));

    public Task StartSearchAsync(SearchOrchestratorInput input, CancellationToken cancellationToken) =>
        _client.Value.CreateOrchestrationInstanceAsync(nameof(SearchOrchestrator), string.Empty, InstanceIds.Search(input.SearchId), input);

    public async Task<SearchInstance?> GetSearchAsync(string searchId, CancellationToken cancellationToken)
    {
        var state = await _client.Value.GetOrchestrationStateAsync(InstanceIds.Search(searchId));
        return state is null || state.Name != nameof(SearchOrchestrator) ? null : ToInstance(state);
    }

    public async Task<SearchPage> ListSearchesAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var searches = new List<SearchInstance>();
        var token = continuationToken;
        // Sub-orchestrations share the table; read on until a page of searches is full or the table ends.
        do
        {
            var result = await hub.Service.GetOrchestrationStateAsync(new OrchestrationInstanceStatusQueryCondition { FetchInput = false, FetchOutput = true }, pageSize, token, cancellationToken);
            searches.AddRange(result.OrchestrationState.Where(s => s.Name == nameof(SearchOrchestrator)).Select(ToInstance));
            token = string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken;
        }
        while (token is not null && searches.Count < pageSize);
        return new SearchPage(searches, token);
    }

    public async Task<int> CountActiveSearchesAsync(CancellationToken cancellationToken)
    {
        var condition = new OrchestrationInstanceStatusQueryCondition { RuntimeStatus = [OrchestrationStatus.Running, OrchestrationStatus.Pending], FetchInput = false, FetchOutput = false };
        var count = 0;
        string? token = null;
        do
        {
            var result = await hub.Service.GetOrchestrationStateAsync(condition, 500, token, cancellationToken);
            count += result.OrchestrationState.Count(s => s.Name == nameof(SearchOrchestrator));
            token = string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken;
        }
        while (token is not null);
        return count;
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) =>
        _client.Value.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload);

    public async Task TerminateSearchAsync(string searchId, string reason, CancellationToken cancellationToken)
    {
        await _client.Value.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = InstanceIds.Search(searchId) }, reason);
        var condition = new OrchestrationInstanceStatusQueryCondition
        {
            InstanceIdPrefix = InstanceIds.ChildPrefix(searchId),
            RuntimeStatus = [OrchestrationStatus.Running, OrchestrationStatus.Pending],
        };
        string? token = null;
        do
        {
            var result = await hub.Service.GetOrchestrationStateAsync(condition, 100, token, cancellationToken);
            foreach (var child in result.OrchestrationState)
                await _client.Value.TerminateInstanceAsync(child.OrchestrationInstance, reason);
            token = string.IsNullOrEmpty(result.ContinuationToken) ? null : result.ContinuationToken;
        }
        while (token is not null);
    }

    private static SearchInstance ToInstance(OrchestrationState s) => new(
        s.OrchestrationInstance.InstanceId,
        s.OrchestrationStatus switch
        {
            OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => SearchRuntimeStatus.Running,
            OrchestrationStatus.Completed => SearchRuntimeStatus.Completed,
            OrchestrationStatus.Failed => SearchRuntimeStatus.Failed,
            OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => SearchRuntimeStatus.Terminated,
            OrchestrationStatus.Suspended => SearchRuntimeStatus.Suspended,
            _ => SearchRuntimeStatus.Pending,
        },
        new DateTimeOffset(DateTime.SpecifyKind(s.CreatedTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(s.LastUpdatedTime, DateTimeKind.Utc)),
        Progress(s),
        s.OrchestrationStatus == OrchestrationStatus.Failed ? s.FailureDetails?.ErrorMessage ?? s.Output : null);

    private static SearchProgress? Progress(OrchestrationState s)
    {
        var json = !string.IsNullOrEmpty(s.Status) ? s.Status : s.OrchestrationStatus == OrchestrationStatus.Completed ? s.Output : null;
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return Converter.Deserialize<SearchProgress>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
