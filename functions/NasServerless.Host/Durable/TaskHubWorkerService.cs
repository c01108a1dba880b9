using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using NasServerless.Contracts;
using NasServerless.Orchestration;

namespace NasServerless.Host.Durable;

/// <summary>Runs the DTFx worker with the search's orchestrators and activities wrapped by the shim.</summary>
public sealed class TaskHubWorkerService(TaskHubService hub, StorageAccount storage, IServiceProvider services, ILoggerFactory loggers, ILogger<TaskHubWorkerService> logger) : IHostedService
{
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await hub.Service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggers);
        _worker = new TaskHubWorker(hub.Service, loggers);
        _worker.AddTaskOrchestrations(OrchestrationServiceCollectionExtensions.Orchestrators
            .Select(t => (ObjectCreator<TaskOrchestration>)new ShimTaskCreator<TaskOrchestration>(t.Name,
                () => shims.CreateOrchestration(t.Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, t), parent: null)))
            .ToArray());
        _worker.AddTaskActivities(OrchestrationServiceCollectionExtensions.Activities
            .Select(t => (ObjectCreator<TaskActivity>)new ShimTaskCreator<TaskActivity>(t.Name,
                () => shims.CreateActivity(t.Name, (ITaskActivity)ActivatorUtilities.CreateInstance(services, t))))
            .ToArray());
        await _worker.StartAsync();
        logger.LogInformation("Durable task hub worker started on {Storage}", storage);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null) await _worker.StopAsync(isForced: false);
    }
}
