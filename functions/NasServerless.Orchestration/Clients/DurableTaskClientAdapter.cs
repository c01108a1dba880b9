using Microsoft.DurableTask.Client;
using NasServerless.Orchestration.Messages;
using NasServerless.Orchestration.Orchestrators;
using NasServerless.Orchestration.State;

namespace NasServerless.Orchestration.Clients;

/// <summary><see cref="ISearchOrchestrationClient"/> over the Durable Task SDK client (Functions app, in-memory test host).</summary>
public sealed class DurableTaskClientAdapter(DurableTaskClient client) : ISearchOrchestrationClient
{
    public Task StartSearchAsync(SearchOrchestratorInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(SearchOrchestrator), input, new Microsoft.DurableTask.StartOrchestrationOptions(InstanceIds.Search(input.SearchId)), cancellationToken);

    public async Task<SearchInstance?> GetSearchAsync(string searchId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(InstanceIds.Search(searchId), getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? null : ToInstance(metadata);
    }

    public async Task<SearchPage> ListSearchesAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { PageSize = pageSize, ContinuationToken = continuationToken, FetchInputsAndOutputs = true };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var searches = page.Values.Where(m => m.Name == nameof(SearchOrchestrator)).Select(ToInstance).ToList();
            return new SearchPage(searches, page.ContinuationToken);
        }
        return new SearchPage([], null);
    }

    public async Task<int> CountActiveSearchesAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 500 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            if (instance.Name == nameof(SearchOrchestrator)) count++;
        return count;
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public async Task TerminateSearchAsync(string searchId, string reason, CancellationToken cancellationToken)
    {
        await client.TerminateInstanceAsync(InstanceIds.Search(searchId), reason, cancellationToken);
        var children = client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = InstanceIds.ChildPrefix(searchId), Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending] });
        await foreach (var child in children.WithCancellation(cancellationToken))
            await client.TerminateInstanceAsync(child.InstanceId, reason, cancellationToken);
    }

    private static SearchInstance ToInstance(OrchestrationMetadata m) => new(
        m.InstanceId,
        m.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running => SearchRuntimeStatus.Running,
            OrchestrationRuntimeStatus.Completed => SearchRuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed => SearchRuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated => SearchRuntimeStatus.Terminated,
            OrchestrationRuntimeStatus.Suspended => SearchRuntimeStatus.Suspended,
            _ => SearchRuntimeStatus.Pending,
        },
        m.CreatedAt,
        m.LastUpdatedAt,
        m.ReadCustomStatusAs<SearchProgress>() ?? (m.IsCompleted && m.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? m.ReadOutputAs<SearchProgress>() : null),
        m.FailureDetails?.ErrorMessage);
}
