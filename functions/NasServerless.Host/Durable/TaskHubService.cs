using Azure.Core;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;

namespace NasServerless.Host.Durable;

/// <summary>The Azure Storage orchestration service of the task hub, configured once for worker and client.</summary>
public sealed class TaskHubService(IOptions<DurableHostOptions> durable, StorageAccount storage, TokenCredential credential, ILoggerFactory loggers)
{
    private readonly Lazy<AzureStorageOrchestrationService> _service = new(() =>
    {
        var o = durable.Value;
        var visibility = TimeSpan.FromSeconds(o.VisibilityTimeoutSeconds);
        var lease = TimeSpan.FromSeconds(o.LeaseIntervalSeconds);
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = ClientProvider(storage, credential),
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

    /// <summary>The task hub's blobs, queues and tables in the search account: by connection string, or by service URI and token credential.</summary>
    public static StorageAccountClientProvider ClientProvider(StorageAccount storage, TokenCredential credential) => storage.UsesTokenCredential
        ? new StorageAccountClientProvider(storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, credential)
        : new StorageAccountClientProvider(storage.ConnectionString!);
}
