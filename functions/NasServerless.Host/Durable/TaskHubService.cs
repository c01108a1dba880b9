using DurableTask.AzureStorage;
using Microsoft.Extensions.Options;
using NasServerless.Orchestration.State;

namespace NasServerless.Host.Durable;

/// <summary>The Azure Storage orchestration service of the task hub, configured once for worker and client.</summary>
public sealed class TaskHubService(IOptions<DurableHostOptions> durable, IOptions<StorageOptions> storage, ILoggerFactory loggers)
{
    private readonly Lazy<AzureStorageOrchestrationService> _service = new(() =>
    {
        var o = durable.Value;
        var visibility = TimeSpan.FromSeconds(o.VisibilityTimeoutSeconds);
        var lease = TimeSpan.FromSeconds(o.LeaseIntervalSeconds);
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storage.Value.ConnectionString),
            TaskHubName = o.TaskHubName,
            WorkerId = o.WorkerId,
            PartitionCount = o.PartitionCount,
            ControlQueueVisibilityTimeout = visibility,
            WorkItemQueueVisibilityTimeout = visibility,
            LeaseInterval = lease,
            LeaseRenewInterval = lease / 3,
            LeaseAcquireInterval = lease / 3,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(o.MaxPollingIntervalSeconds),
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = o.MaxConcurrentOrchestrations,
            LoggerFactory = loggers,
        });
    });

    public AzureStorageOrchestrationService Service => _service.Value;
}
