using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using NasServerless.Contracts;
using NasServerless.Trainer.Worker;

namespace NasServerless.Trainer.Storage;

/// <summary>
/// The queues and containers a worker uses, in one account: by connection string, or by account name with a token
/// credential (<see cref="WorkerOptions.Account"/>). Thread-safe; one per process.
/// </summary>
public sealed class StorageClients
{
    /// <param name="credential">Used only with <see cref="WorkerOptions.AccountName"/>; null: a <see cref="DefaultAzureCredential"/>
    /// (in the cluster, workload identity: AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE from the webhook).</param>
    public StorageClients(IOptions<WorkerOptions> options, TokenCredential? credential = null)
    {
        var o = options.Value;
        // An invalid AZURITE_*_PORT for the default throws its own FormatException here, not a connection string error.
        var account = o.Account();
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

        var (queues, blobs) = account.UsesTokenCredential
            ? WithCredential(account, credential ?? new DefaultAzureCredential(), queueOptions, blobOptions)
            : WithConnectionString(account.ConnectionString!, queueOptions, blobOptions);
        Jobs = queues.GetQueueClient(o.JobsQueue);
        Results = queues.GetQueueClient(o.ResultsQueue);
        Poison = queues.GetQueueClient(o.PoisonQueue);
        ResultBlobs = blobs.GetBlobContainerClient(o.ResultsContainer);
        Checkpoints = blobs.GetBlobContainerClient(o.CheckpointsContainer);
        Searches = blobs.GetBlobContainerClient(o.SearchesContainer);
    }

    public QueueClient Jobs { get; }
    public QueueClient Results { get; }
    public QueueClient Poison { get; }
    public BlobContainerClient ResultBlobs { get; }
    public BlobContainerClient Checkpoints { get; }
    public BlobContainerClient Searches { get; }

    private static (QueueServiceClient, BlobServiceClient) WithCredential(StorageAccount account, TokenCredential credential, QueueClientOptions queueOptions, BlobClientOptions blobOptions) =>
        (new QueueServiceClient(account.QueueServiceUri, credential, queueOptions), new BlobServiceClient(account.BlobServiceUri, credential, blobOptions));

    private static (QueueServiceClient, BlobServiceClient) WithConnectionString(string connectionString, QueueClientOptions queueOptions, BlobClientOptions blobOptions)
    {
        try
        {
            return (new QueueServiceClient(connectionString, queueOptions), new BlobServiceClient(connectionString, blobOptions));
        }
        catch (FormatException e)
        {
            throw new OptionsValidationException(WorkerOptions.SectionName, typeof(WorkerOptions),
                [$"{WorkerOptions.SectionName}:ConnectionString is not a valid Azure Storage connection string: {e.Message}"]);
        }
    }

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
