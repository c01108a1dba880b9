using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// Publishes a trained layer-list candidate's weights: the checkpoint of its last epoch holds them
/// (<see cref="LayerListTrainer.FinalWeights"/>); they go to <see cref="StorageNames.WeightsBlob"/> (overwritten by a
/// duplicate run with the same, deterministic, weights) and the result names that blob.
/// </summary>
public sealed class FinalWeightsExporter(StorageClients storage, ICheckpointStore checkpoints, ILogger<FinalWeightsExporter> logger)
{
    public async Task<TrainingResult> AttachAsync(TrainingJob job, TrainingResult result, CancellationToken cancellationToken)
    {
        if (result.Failed || result.WeightsBlob is not null || job.SearchSpace != LayerListTrainer.SearchSpaceName) return result;
        var latest = await checkpoints.LoadLatestAsync(job.SearchId, job.CandidateId, cancellationToken);
        var expected = job.Budget.Epochs * TrainingCheckpoint.StepsPerEpochLimit;
        if (latest is null || latest.Sequence != expected)
        {
            logger.LogWarning("No final checkpoint ({Expected}) for {SearchId}/{CandidateId} (newest: {Newest}); the result names no weights",
                expected, job.SearchId, job.CandidateId, latest?.Sequence);
            return result;
        }
        var name = StorageNames.WeightsBlob(job.SearchId, job.CandidateId);
        var weights = LayerListTrainer.FinalWeights(latest);
        await storage.Checkpoints.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(weights), overwrite: true, cancellationToken);
        logger.LogInformation("Stored the weights of {SearchId}/{CandidateId} in {WeightsBlob} ({Bytes} bytes)", job.SearchId, job.CandidateId, name, weights.Length);
        return result with { WeightsBlob = name };
    }
}
