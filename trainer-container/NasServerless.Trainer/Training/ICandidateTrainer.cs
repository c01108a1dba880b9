using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Turns one training job into a result: TorchSharp training for the layer-list space, a table lookup
/// for NAS-Bench-Macro. Build errors, NaN loss and divergence come back as a failed result, never as an
/// exception. When <paramref name="cancellationToken"/> fires (SIGTERM), the trainer saves a checkpoint
/// at the current step and throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface ICandidateTrainer
{
    bool CanTrain(string searchSpace);

    Task<TrainingResult> TrainAsync(TrainingJob job, ICheckpointStore checkpoints, CancellationToken cancellationToken);
}
