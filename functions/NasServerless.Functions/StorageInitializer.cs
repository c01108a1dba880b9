using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using NasServerless.Contracts;
using NasServerless.Orchestration.State;

namespace NasServerless.Functions;

/// <summary>Creates the search containers and the results queue while the host is starting, before the worker takes invocations.</summary>
public sealed class StorageInitializer(SearchStore store, QueueServiceClient queues) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.EnsureContainersAsync(cancellationToken);
        await queues.GetQueueClient(StorageNames.ResultsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
