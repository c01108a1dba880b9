using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.Storage;

/// <summary>The queues and containers a worker uses, from one connection string. Thread-safe; one per process.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<WorkerOptions> options)
    {
        var o = options.Value;
        var retry = new Action<RetryOptions>(r =>
        {
            r.MaxRetries = 4;
            r.Delay = TimeSpan.FromMilliseconds(200);
            r.MaxDelay = TimeSpan.FromSeconds(5);
            r.NetworkTimeout = TimeSpan.FromSeconds(60);
        });
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        retry(queueOptions.Retry);
        var blobOptions = new BlobClientOptions();
        retry(blobOptions.Retry);

        try
        {
            var queues = new QueueServiceClient(o.ConnectionString, queueOptions);
            var blobs = new BlobServiceClient(o.ConnectionString, blobOptions);
            Jobs = queues.GetQueueClient(o.JobsQueue);
            Results = queues.GetQueueClient(o.ResultsQueue);
            Poison = queues.GetQueueClient(o.PoisonQueue);
            ResultBlobs = blobs.GetBlobContainerClient(o.ResultsContainer);
            Checkpoints = blobs.GetBlobContainerClient(o.CheckpointsContainer);
            Searches = blobs.GetBlobContainerClient(o.SearchesContainer);
        }
        catch (FormatException e)
        {
            throw new OptionsValidationException(WorkerOptions.SectionName, typeof(WorkerOptions),
                [$"{WorkerOptions.SectionName}:ConnectionString is not a valid Azure Storage connection string: {e.Message}"]);
        }
    }

    public QueueClient Jobs { get; }
    public QueueClient Results { get; }
    public QueueClient Poison { get; }
    public BlobContainerClient ResultBlobs { get; }
    public BlobContainerClient Checkpoints { get; }
    public BlobContainerClient Searches { get; }

    /// <summary>Creates every queue and container that is missing (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in new[] { Jobs, Results, Poison })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        foreach (var container in new[] { ResultBlobs, Checkpoints, Searches })
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
