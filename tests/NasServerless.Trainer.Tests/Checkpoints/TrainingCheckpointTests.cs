using NasServerless.Contracts;
using NasServerless.Trainer.Checkpoints;

namespace NasServerless.Trainer.Tests.Checkpoints;

public class TrainingCheckpointTests
{
    private static TrainingCheckpoint Sample() => new(
        Epoch: 3, Step: 17, JobFingerprint: "genome=abc;seed=1", LossSum: 12.5, LossImages: 544, EpochSeconds: 1.25, TotalSeconds: 30.5,
        Epochs: [new EpochMetrics(1, 0.9, 0.8, 10, 200), new EpochMetrics(2, 0.5, 0.85, 9.5, 210)],
        RngState: [1, 2, 3], ModelState: [.. Enumerable.Range(0, 1000).Select(i => (byte)i)], OptimizerState: [9, 8, 7, 6]);

    [Fact]
    public void Deserialize_SerializedCheckpoint_RoundTrips()
    {
        var original = Sample();

        var copy = TrainingCheckpoint.Deserialize(original.Serialize());

        Assert.Equal(3_000_017, copy.Sequence);
        Assert.Equal(original.Sequence, original.ToCheckpoint().Sequence);
        Assert.Equal((original.Epoch, original.Step, original.JobFingerprint, original.LossSum, original.LossImages, original.EpochSeconds, original.TotalSeconds),
            (copy.Epoch, copy.Step, copy.JobFingerprint, copy.LossSum, copy.LossImages, copy.EpochSeconds, copy.TotalSeconds));
        Assert.Equal(original.Epochs, copy.Epochs);
        Assert.Equal(original.RngState, copy.RngState);
        Assert.Equal(original.ModelState, copy.ModelState);
        Assert.Equal(original.OptimizerState, copy.OptimizerState);
    }

    [Fact]
    public void Deserialize_TruncatedPayload_ThrowsInvalidData()
    {
        var payload = Sample().Serialize();

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Deserialize(payload[..^10]));

        Assert.Contains("past the end", error.Message);
    }

    [Fact]
    public void Deserialize_OtherFile_ThrowsBadMagic()
    {
        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Deserialize("{\"not\":\"a checkpoint\"}"u8.ToArray()));

        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Deserialize_NewerFormatVersion_SaysSo()
    {
        var payload = Sample().Serialize();
        payload[8] = 99;

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Deserialize(payload));

        Assert.Contains("version 99", error.Message);
    }
}
