namespace NasServerless.Trainer.Training;

/// <summary>The candidate itself cannot be trained (NaN loss, divergence, a checkpoint of another job): a failed result, not a crash.</summary>
internal sealed class TrainingFailedException(string reason) : Exception(reason);
