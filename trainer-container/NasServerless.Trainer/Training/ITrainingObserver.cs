using NasServerless.Contracts;

namespace NasServerless.Trainer.Training;

/// <summary>
/// Progress of a training run, for logs and progress lines; every method is optional and is called on the training
/// thread, so it must be quick. Epochs and steps are 1-based.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>
    /// The run continues from a checkpoint taken when <paramref name="completedEpochs"/> epochs and <paramref name="step"/>
    /// steps of the next one were done (all epochs done: only the test evaluation is left).
    /// </summary>
    void Resumed(string candidateId, int completedEpochs, int step) { }

    void StepCompleted(string candidateId, int epoch, int step, int stepsPerEpoch, double loss) { }

    void EpochCompleted(string candidateId, int epochs, EpochMetrics metrics) { }
}
