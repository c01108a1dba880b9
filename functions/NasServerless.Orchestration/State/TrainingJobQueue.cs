using Azure.Storage.Queues;
using NasServerless.Contracts;

namespace NasServerless.Orchestration.State;

/// <summary>Sends training jobs to <see cref="StorageNames.JobsQueue"/> as plain JSON text.</summary>
public sealed class TrainingJobQueue(QueueServiceClient queues)
{
    private readonly QueueClient _jobs = queues.GetQueueClient(StorageNames.JobsQueue);
    private int _created;

    public async Task SendAsync(TrainingJob job, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _created, 1) == 0) await _jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _jobs.SendMessageAsync(ContractJson.Serialize(job), cancellationToken);
    }
}
