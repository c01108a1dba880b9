using Microsoft.Extensions.Logging;
using NasServerless.Contracts;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.Worker;

/// <summary>Training progress as structured logs: resumption and each epoch (steps are too many to log).</summary>
public sealed class LoggingTrainingObserver(ILogger<LoggingTrainingObserver> logger) : ITrainingObserver
{
    public void Resumed(string candidateId, int completedEpochs, int step) =>
        logger.LogInformation("Resuming {CandidateId} from checkpoint: {CompletedEpochs} epoch(s) and {Step} step(s) done", candidateId, completedEpochs, step);

    public void EpochCompleted(string candidateId, int epochs, EpochMetrics metrics) =>
        logger.LogInformation("{CandidateId} epoch {Epoch}/{Epochs}: train loss {TrainLoss:F4}, validation accuracy {ValidationAccuracy:F4}, {Seconds:F1} s, {ImagesPerSecond:F0} images/s",
            candidateId, metrics.Epoch, epochs, metrics.TrainLoss, metrics.ValidationAccuracy, metrics.Seconds, metrics.ImagesPerSecond);
}
