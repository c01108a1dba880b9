using System.Globalization;
using NasServerless.Contracts;
using NasServerless.Trainer.Training;

namespace NasServerless.Trainer.App;

/// <summary>Per-epoch lines, plus a progress line every tenth of an epoch on long epochs.</summary>
internal sealed class ConsoleTrainingProgress : ITrainingObserver
{
    private readonly DateTime _started = DateTime.UtcNow;

    public void Resumed(string candidateId, int completedEpochs, int step) =>
        Console.WriteLine($"resuming from a checkpoint: {completedEpochs} epoch(s) and {step} step(s) done");

    public void StepCompleted(string candidateId, int epoch, int step, int stepsPerEpoch, double loss)
    {
        if (stepsPerEpoch < 100 || step % (stepsPerEpoch / 10) != 0 || step == stepsPerEpoch) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {epoch} step {step}/{stepsPerEpoch}  loss {loss:F4}  {(DateTime.UtcNow - _started).TotalSeconds:F0} s"));
    }

    public void EpochCompleted(string candidateId, int epochs, EpochMetrics m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {m.Epoch}/{epochs}  train loss {m.TrainLoss:F4}  validation accuracy {m.ValidationAccuracy:P2}  {m.Seconds:F1} s  {m.ImagesPerSecond:F0} images/s"));
}
