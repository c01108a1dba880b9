using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;
using NasServerless.Trainer.Storage;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Worker;

/// <summary>
/// Publishes a trained layer-list candidate's weights: the checkpoint of its last epoch holds them
/// (<see cref="LayerListTrainer.FinalWeights"/>); they go to <see cref="StorageNames.WeightsBlob"/>, and the network
/// for PyTorch users to <see cref="StorageNames.PyTorchExportPrefix"/> (both overwritten by a duplicate run with the
/// same, deterministic, bytes); the result names both. A failed PyTorch export is logged and leaves the result
/// without it: the weights still count.
/// </summary>
public sealed class FinalWeightsExporter(StorageClients storage, ICheckpointStore checkpoints, IEnumerable<ICandidateTrainer> trainers, ILogger<FinalWeightsExporter> logger)
{
    private readonly LayerListTrainer? _layerList = trainers.OfType<LayerListTrainer>().FirstOrDefault();

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
        return await ExportForPyTorchAsync(job, result with { WeightsBlob = name }, weights, cancellationToken);
    }

    private async Task<TrainingResult> ExportForPyTorchAsync(TrainingJob job, TrainingResult result, byte[] weights, CancellationToken cancellationToken)
    {
        if (_layerList is null) return result;
        IReadOnlyDictionary<string, byte[]> files;
        try
        {
            files = _layerList.Export(job, result, weights);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or System.Runtime.InteropServices.ExternalException)
        {
            logger.LogWarning("No PyTorch export for {SearchId}/{CandidateId}: {Reason}", job.SearchId, job.CandidateId, e.Message);
            return result;
        }
        var prefix = StorageNames.PyTorchExportPrefix(job.SearchId, job.CandidateId);
        foreach (var (file, bytes) in files)
        {
            await storage.Checkpoints.GetBlobClient(prefix + file).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken);
        }
        logger.LogInformation("Stored the PyTorch export of {SearchId}/{CandidateId} in {PyTorchExport}", job.SearchId, job.CandidateId, prefix);
        return result with { PyTorchExport = prefix };
    }
}
